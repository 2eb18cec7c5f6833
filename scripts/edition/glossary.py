"""The glossary model: data/glossary.yml, validated, with occurrences computed from the text."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from . import model

SCHEMA = {
    "type": "object",
    "required": ["categories", "terms"],
    "additionalProperties": False,
    "properties": {
        "categories": {
            "type": "object",
            "additionalProperties": {"$ref": "#/$defs/bilingual"},
        },
        "terms": {"type": "array", "items": {"$ref": "#/$defs/term"}},
    },
    "$defs": {
        "bilingual": {
            "type": "object", "required": ["zh", "en"], "additionalProperties": False,
            "properties": {"zh": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}},
        },
        "term": {
            "type": "object",
            "required": ["id", "zh", "pinyin", "en", "variants", "category", "short", "source", "ref"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                "zh": {"type": "string", "minLength": 1},
                "forms": {"type": "array", "items": {"type": "string", "minLength": 1}},
                "pinyin": {"type": "string", "minLength": 1},
                "en": {"type": "string", "minLength": 1},
                "variants": {"type": "array", "items": {"type": "string", "minLength": 1}},
                "category": {"type": "string"},
                "short": {"$ref": "#/$defs/bilingual"},
                "explanation": {"$ref": "#/$defs/bilingual"},
                "source": {"enum": ["annex", "official", "edition"]},
                "ref": {"type": "string"},
            },
        },
    },
}

TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


@functools.lru_cache(maxsize=None)
def _load(root: Path) -> dict:
    return model.load_checked(root / "data" / "glossary.yml", SCHEMA, "terms", "entry")


def load(root: Path = model.ROOT) -> dict:
    """The glossary data, schema-checked (raises ModelError naming the entry)."""
    return _load(Path(root))


def zh_forms(term: dict) -> list[str]:
    return [term["zh"], *term.get("forms", [])]


def en_forms(term: dict) -> list[str]:
    return [term["en"], *term["variants"]]


def en_pattern(form: str) -> re.Pattern:
    """How an English rendering is found in text: case, quotes and a leading 'the' do not matter."""
    core = re.sub(r"^the\s+", "", form.translate(QUOTES).strip(), flags=re.I)
    body = r"\s+".join(re.escape(w) for w in core.split())
    return re.compile(rf"(?<![\w]){body}(?:s|es)?(?![\w])", re.I)


def occurrences(data: dict, root: Path = model.ROOT) -> dict[str, list[str]]:
    """Paragraph ids where each term occurs in the Chinese text (computed, never typed)."""
    zh = model.paragraphs(model.default_lang(root), root)
    return {t["id"]: [pid for pid, p in zh.items() if any(f in p.text for f in zh_forms(t))]
            for t in data["terms"]}


def annex_explanation(pid: str, lang: str, root: Path = model.ROOT) -> str:
    """An annex entry's explanation: its paragraph, after the term and colon."""
    text = model.paragraphs(lang, root)[pid].text
    parts = re.split(r"[：:]", text, maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else text


def explanation(term: dict, lang: str, root: Path = model.ROOT) -> str:
    if term["source"] == "annex":
        return annex_explanation(term["ref"], lang, root)
    return term["explanation"][lang]


def validate(data: dict, root: Path = model.ROOT) -> list[tuple]:
    """Problems beyond the schema: duplicates, unknown categories, terms that occur nowhere."""
    out = []
    file = "data/glossary.yml"
    seen = {}
    occ = occurrences(data, root)
    zh = model.paragraphs(model.default_lang(root), root)
    annex_ids = [f"p{i}" for i in range(58, 72)]
    for t in data["terms"]:
        tid, line = t["id"], t["_line"]
        if tid in seen:
            out.append((file, line, tid, f"duplicate id (first at line {seen[tid]})"))
        seen.setdefault(tid, line)
        if t["category"] not in data["categories"]:
            out.append((file, line, tid, f"unknown category '{t['category']}' "
                                         f"(expected one of {', '.join(data['categories'])})"))
        for form in zh_forms(t):
            if not any(form in p.text for p in zh.values()):
                out.append((file, line, tid, f"term «{form}» occurs nowhere in the report"))
        if not occ[tid]:
            continue
        if not TONE.search(t["pinyin"]):
            out.append((file, line, tid, f"pinyin without tone marks (found «{t['pinyin']}»)"))
        if len(t["short"]["en"]) > 160 or len(t["short"]["zh"]) > 80:
            out.append((file, line, tid, "short definition too long for a tooltip (expected ≤ 160 characters "
                                         "in English, ≤ 80 in Chinese)"))
        if t["source"] == "annex":
            if t["ref"] not in annex_ids:
                out.append((file, line, tid, f"annex term must ref its annex paragraph (expected one of "
                                             f"p58-p71, found {t['ref']})"))
            elif not zh[t["ref"]].text.replace("“", "").startswith(t["zh"]) and t["zh"] not in zh[t["ref"]].text[:30]:
                out.append((file, line, tid, f"annex paragraph {t['ref']} does not explain «{t['zh']}»"))
        elif "explanation" not in t:
            out.append((file, line, tid, "explanation missing (expected zh and en for a non-annex term)"))
    refs = [t["ref"] for t in data["terms"] if t["source"] == "annex"]
    for pid in annex_ids:
        if refs.count(pid) != 1:
            out.append((file, 0, pid, f"annex explanation {pid} must have exactly one glossary entry "
                                      f"(found {refs.count(pid)})"))
    return out


def consistency(data: dict, root: Path = model.ROOT) -> list[tuple]:
    """Where a term occurs in Chinese, its English rendering or a variant is in the aligned paragraph."""
    out = []
    occ = occurrences(data, root)
    for lang in model.lang_codes(root)[1:]:
        pages = {p.id: (p, page) for page in model.load_pages(lang, root) for p in page.paras}
        for t in data["terms"]:
            pats = [en_pattern(f) for f in en_forms(t)]
            for pid in occ[t["id"]]:
                if pid not in pages:
                    continue
                para, page = pages[pid]
                text = para.text.translate(QUOTES)
                if not any(p.search(text) for p in pats):
                    out.append((str(page.file.relative_to(root)), para.line, pid,
                                f"term «{t['zh']}» ({t['id']}) not rendered consistently (expected "
                                f"«{t['en']}» or one of its {len(t['variants'])} variant(s))"))
    return out
