"""One model of the report, read by the build hooks and by the checker.

Paragraphs (with ids) come from the source text and from the Markdown pages;
figures come from the paragraphs; terms and targets come from data/*.yml.
Nothing here knows about MkDocs, so the checker runs without building.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source" / "shinan-2022-government-work-report.txt"

ID_RE = r"(?:t\d|p\d\d)"
# A paragraph's id sits on its own line right below it; a heading's at its end.
ID_LINE = re.compile(rf"^\{{#({ID_RE})((?:\s+\.[\w-]+)*)\}}$")
HEADING = re.compile(rf"^(#{{1,6}})\s+(.*?)\s+\{{#({ID_RE})((?:\s+\.[\w-]+)*)\}}$")
EDITORIAL = re.compile(r"^(!!!|\?\?\?|<!--)")

# The capture lost full-width punctuation; these are restored, nothing else.
FULL_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"})
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class ModelError(Exception):
    """Bad input: the message names the file, line or id and what was expected."""


@dataclass
class Para:
    id: str
    text: str
    lang: str
    page: str  # docs-relative path of the Chinese page, e.g. report/review.md
    line: int  # 1-based line in the Markdown file
    level: int = 0  # heading level, 0 for a paragraph
    classes: tuple = ()


@dataclass
class Page:
    path: str  # docs-relative, language-neutral (report/review.md)
    lang: str
    file: Path
    title: str
    meta: dict
    paras: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # (line, message)


def norm(text: str) -> str:
    """Compare texts the way the source README says: NFKC, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def restore_punctuation(text: str) -> str:
    return text.translate(FULL_WIDTH)


# ---------------------------------------------------------------- source text

@dataclass
class SourcePara:
    id: str
    text: str  # with full-width punctuation restored
    line: int


def read_source(path: Path = SOURCE) -> list[SourcePara]:
    """The title block (t1-t3) and the 71 body paragraphs (p01-p71) of the source."""
    raw = path.read_text("utf-8").splitlines()
    lines = [(i + 1, l.strip(" \t\u00a0\u3000")) for i, l in enumerate(raw)]
    lines = [(n, l) for n, l in lines if l]
    try:
        start = next(k for k, (_, l) in enumerate(lines) if l.startswith("各位代表:") or l.startswith("各位代表："))
        title = next(k for k, (_, l) in enumerate(lines) if l == "政府工作报告")
    except StopIteration:
        raise ModelError(f"{path}: cannot find the title '政府工作报告' or the opening '各位代表:'") from None
    head = lines[title:start]
    # The byline is split over two lines in the capture; it is one line of the report.
    t2 = head[1][1] + head[2][1]
    speaker = re.sub(r"\s+", "\u3000", head[3][1])
    paras = [SourcePara("t1", head[0][1], head[0][0]), SourcePara("t2", t2, head[1][0]),
             SourcePara("t3", speaker, head[3][0])]
    for k, (n, l) in enumerate(lines[start:], 1):
        paras.append(SourcePara(f"p{k:02d}", restore_punctuation(l), n))
    return paras


# ------------------------------------------------------------------ mkdocs.yml

class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@functools.lru_cache(maxsize=None)
def mkdocs_config(root: Path = ROOT) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)


def nav_paths(root: Path = ROOT) -> list[str]:
    """Docs-relative page paths in navigation order."""
    out = []

    def walk(node):
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)

    walk(mkdocs_config(root).get("nav", []))
    return out


def report_pages(root: Path = ROOT) -> list[str]:
    return [p for p in nav_paths(root) if p.startswith("report/")]


@functools.lru_cache(maxsize=None)
def languages(root: Path = ROOT) -> dict:
    """Per-language rules (number words, units, strings): data/languages.yml."""
    return load_yaml(root / "data" / "languages.yml")


def lang_codes(root: Path = ROOT) -> list[str]:
    return list(languages(root)["languages"])


def default_lang(root: Path = ROOT) -> str:
    return lang_codes(root)[0]


def site_prefix(lang: str, root: Path = ROOT) -> str:
    """Where a language lives in the built site: "" for the default language, "en/" for English."""
    return "" if lang == default_lang(root) else f"{lang}/"


def localized(path: str, lang: str, root: Path = ROOT) -> str:
    """report/review.md -> report/review.en.md for a non-default language."""
    if lang == default_lang(root):
        return path
    return re.sub(r"\.md$", f".{lang}.md", path)


# --------------------------------------------------------------- Markdown pages

def split_front_matter(text: str) -> tuple[dict, list[str], int]:
    lines = text.split("\n")
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
        return meta, lines[end + 1:], end + 1
    return {}, lines, 0


def parse_page(file: Path, path: str, lang: str) -> Page:
    """Read report paragraphs (blocks with an id) from one Markdown page."""
    meta, lines, offset = split_front_matter(file.read_text("utf-8"))
    page = Page(path, lang, file, str(meta.get("title", "")), meta)
    block: list[tuple[int, str]] = []

    def flush():
        if not block:
            return
        first_line, first = block[0]
        m = HEADING.match(first)
        if m and len(block) == 1:
            page.paras.append(Para(m.group(3), m.group(2), lang, path, first_line,
                                   len(m.group(1)), tuple(m.group(4).split())))
        elif ID_LINE.match(block[-1][1]) and len(block) >= 2:
            m = ID_LINE.match(block[-1][1])
            text = " ".join(l for _, l in block[:-1])
            page.paras.append(Para(m.group(1), text, lang, path, first_line, 0,
                                   tuple(c.lstrip(".") for c in m.group(2).split())))
        elif not EDITORIAL.match(first):
            page.problems.append((first_line, "text without a paragraph id (expected a report paragraph "
                                              "followed by an '{#pNN}' line, or an admonition for editorial matter)"))
        block.clear()

    in_editorial = False
    for n, line in enumerate(lines, offset + 1):
        if in_editorial:
            if line.startswith("    ") or not line.strip():
                continue
            in_editorial = False
        if not line.strip():
            flush()
            continue
        if not block and EDITORIAL.match(line) and not line.startswith("<!--"):
            in_editorial = True
            continue
        block.append((n, line.rstrip()))
    flush()
    return page


def load_pages(lang: str, root: Path = ROOT) -> list[Page]:
    """The report pages of one language, in navigation order."""
    pages = []
    for path in report_pages(root):
        file = root / "docs" / localized(path, lang, root)
        if not file.exists():
            raise ModelError(f"{file.relative_to(root)}: missing ({lang} version of docs/{path})")
        pages.append(parse_page(file, path, lang))
    return pages


def paragraphs(lang: str, root: Path = ROOT) -> dict[str, Para]:
    return {p.id: p for page in load_pages(lang, root) for p in page.paras}


# ---------------------------------------------------------------------- figures

@dataclass(frozen=True)
class Figure:
    token: str  # as written, e.g. "1400亿", "5.6%"
    value: float  # absolute value (1400亿 -> 1.4e11)
    percent: bool
    kind: str = "number"  # number | month


ZH_SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
ZH_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(万亿|亿|万)?(%|个百分点)?(月)?")


def zh_figures(text: str) -> list[Figure]:
    """Arabic-digit figures of a Chinese paragraph, 万/亿 applied."""
    out = []
    for m in ZH_FIGURE.finditer(text):
        num, scale, pct, month = m.groups()
        value = float(num) * ZH_SCALE.get(scale or "", 1)
        kind = "month" if month and not scale and not pct and 1 <= value <= 12 and "." not in num else "number"
        token = num + (scale or "") + (pct or "") + ("月" if kind == "month" else "")
        out.append(Figure(token, round(value, 6), pct == "%", kind))
    return out


@functools.lru_cache(maxsize=None)
def _en_rules(root: Path = ROOT):
    en = languages(root)["languages"]["en"]["numbers"]
    words = {w.lower(): float(v) for w, v in en["words"].items()}
    scales = {w.lower(): float(v) for w, v in en["scales"].items()}
    months = {w.lower(): float(v) for w, v in en["months"].items()}
    pct = en["percent"]
    word_re = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    scale_re = "|".join(sorted(map(re.escape, scales), key=len, reverse=True))
    month_re = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    number = re.compile(
        rf"(?<![\w.])(?:(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)|({word_re}))(?![\w])"
        rf"(?:[\s-]+({scale_re})\b)?(\s*(?:{'|'.join(map(re.escape, pct))})(?![a-z]))?",
        re.IGNORECASE)
    # digits glued to letters count too: 5G, PM2.5, Line4
    glued = re.compile(r"(?<=[A-Za-z])(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)(?=[A-Za-z])")
    month = re.compile(rf"\b({month_re})\b", re.IGNORECASE)
    return words, scales, months, number, glued, month


def en_figures(text: str, root: Path = ROOT) -> list[Figure]:
    """Figures an English paragraph states: digits, number words, scales, %."""
    words, scales, months, number, glued, month = _en_rules(root)
    out = []
    for m in number.finditer(text):
        digits, word, scale, pct = m.groups()
        value = float(digits.replace(",", "")) if digits else words[word.lower()]
        value *= scales.get((scale or "").lower(), 1)
        out.append(Figure(m.group(0).strip(), round(value, 6), bool(pct)))
    for m in glued.finditer(text):
        out.append(Figure(m.group(0), round(float(m.group(1) or m.group(2)), 6), False))
    for m in month.finditer(text):
        out.append(Figure(m.group(0), months[m.group(1).lower()], False, "month"))
    return out


def fmt_en(value: float) -> str:
    """140000000000 -> '140 billion'; 69000 -> '69,000'."""
    for word, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(value) >= scale:
            return f"{value / scale:.6g} {word}"
    return f"{value:,.6g}" if value != int(value) else f"{int(value):,}"


def missing_figures(zh: str, en: str, root: Path = ROOT) -> list[tuple[Figure, str]]:
    """Chinese figures with no English figure of the same value (counted as a multiset)."""
    pool = list(en_figures(en, root))
    missing = []
    for f in zh_figures(zh):
        match = next((g for g in pool if abs(g.value - f.value) < 1e-6 * max(1, abs(f.value))
                      and (g.kind == f.kind or g.kind == "number")
                      and (g.percent or not f.percent)), None)
        if match is None:
            expected = f"{fmt_en(f.value)}%" if f.percent else (
                "a month name" if f.kind == "month" else fmt_en(f.value))
            missing.append((f, expected))
        else:
            pool.remove(match)
    return missing


# ------------------------------------------------------------------------ data

def line_of(text: str, needle: str) -> int:
    """1-based line where needle starts in text, 0 if absent."""
    k = text.find(needle)
    return text.count("\n", 0, k) + 1 if k >= 0 else 0


def load_checked(path: Path, schema: dict, items: str, label: str) -> dict:
    """A YAML data file validated by a JSON Schema; the first error names the line and the item's id.

    `items` is the key of the list of entries with ids (terms, rows); each gets its `_line`.
    """
    import jsonschema

    data = load_yaml(path)
    text = path.read_text("utf-8")
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        where = list(e.path)
        item = ""
        if len(where) >= 2 and where[0] == items and isinstance(where[1], int):
            item = (data[items][where[1]] or {}).get("id", f"{label} {where[1] + 1}")
        line = line_of(text, f"id: {item}\n") if item else 0
        field = ".".join(str(p) for p in where[2:]) or label
        raise ModelError(f"data/{path.name}:{line}: [{item or path.stem}] {field}: {e.message} "
                         f"({len(errors)} schema error(s) in all)")
    for entry in data[items]:
        entry["_line"] = line_of(text, f"id: {entry['id']}\n")
    return data


def load_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: missing") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ModelError(f"{where}: not valid YAML ({getattr(e, 'problem', e)})") from None
