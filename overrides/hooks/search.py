"""Search: a jieba dictionary from the glossary, one index per language, one entry per paragraph.

Material's worker segments a Chinese query greedily by the index's own words and never lets a
piece end on the query's last character (so 双全双百 is looked up as 双全双). A hidden `keywords`
field per paragraph therefore carries the sub-words (jieba's search mode) and each long word
without its last character: whole terms then match exactly, and parts of terms still match.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from common import glossary, model


TAGS = re.compile(r"<[^>]+>")


def user_dictionary(root: Path = model.ROOT) -> list[str]:
    """jieba user-dictionary lines: every Chinese glossary term and form as one word."""
    data = glossary.load(root)
    words = sorted({f for t in data["terms"] for f in glossary.zh_forms(t) if model.HAN.search(f)})
    return [f"{w} 50 n" for w in words]


@event_priority(100)
def on_config(config):
    # Before Material's search plugin loads jieba: point it at a dictionary built from the glossary.
    search = config.plugins.get("material/search")
    if search is None:
        return config
    out = Path(config.config_file_path).parent / ".cache" / "jieba-user.txt"
    out.parent.mkdir(exist_ok=True)
    lines = "\n".join(user_dictionary(Path(config.config_file_path).parent)) + "\n"
    if not out.exists() or out.read_text("utf-8") != lines:
        out.write_text(lines, "utf-8")
    search.config.jieba_dict_user = str(out)
    return config


def segment_zh(text: str) -> str:
    """jieba's words joined by zero-width spaces, single characters glued to a neighbour.

    A lone character in the index (暖, 双) would capture every query that starts with it, since the
    worker matches the longest known prefix; glued, 暖南 and 双百 are looked up whole.
    """
    import jieba

    def run(match):
        words = []
        for w in jieba.cut(match.group(0)):
            if len(w) == 1 and words:
                words[-1] += w
            elif words and len(words[-1]) == 1:
                words[-1] += w
            else:
                words.append(w)
        return "\u200b" + "\u200b".join(words) + "\u200b"

    return re.sub(r"[\u3400-\u9fff]+", run, text.replace("\u200b", "")).strip("\u200b")


def keywords(text: str) -> str:
    """Hidden index words for Chinese text (see the module docstring), minus those the text has already."""
    import jieba
    words = set()
    for run in re.findall(r"[\u3400-\u9fff]+", text):
        words.update(w for w in jieba.cut_for_search(run) if len(w) > 1)
        words.update(w[:-1] for w in jieba.cut(run) if len(w) > 2)
    shown = set(segment_zh(text).replace("\u200b", " ").split())
    return " ".join(sorted(words - shown))


def _lang_of(location: str, langs: list[str]) -> str:
    head = location.split("/", 1)[0]
    return head if head in langs[1:] else langs[0]


def _paragraph_entries(entries: list[dict], lang: str, segment, hidden, root: Path) -> list[dict]:
    """Replace a report page's section entries by one entry per report paragraph."""
    rules = model.languages(root)["languages"][lang]["strings"]
    pages = {page.path[:-3]: page for page in model.load_pages(lang, root)}
    out = []
    for e in entries:
        loc = e["location"]
        base, _, frag = loc.partition("#")
        stem = re.sub(r"(/index)?(\.html)?/?$", "", base) or "index"
        page = pages.get(stem) or pages.get(stem + "/index")
        if page is None:
            out.append(e)
            continue
        if frag:
            continue  # sections of report pages are replaced by paragraphs below
        out.append({**e, "text": ""})
        for p in page.paras:
            text = html.unescape(TAGS.sub("", p.text))
            number = int(p.id[1:]) if p.id.startswith("p") else None
            title = text if p.level else (rules["para_title"].format(n=number) if number
                                          else page.title)
            entry = {"location": f"{base}#{p.id}", "title": segment(title) if p.level else title,
                     "text": "" if p.level else segment(text)}
            if hidden:
                entry["keywords"] = hidden(text)
            out.append(entry)
    return out


def _glossary_entries(entries: list[dict], lang: str, segment, hidden, root: Path) -> list[dict]:
    """Replace the glossary page's sections by one entry per term, found by term, rendering and variants."""
    data = glossary.load(root)
    out = []
    for e in entries:
        base, _, frag = e["location"].partition("#")
        if not base.startswith("glossary"):
            out.append(e)
            continue
        if frag:
            continue
        out.append(e)
        for t in data["terms"]:
            # Names and the short definition: enough to find a term, small enough to load with every page.
            names = [t["zh"], *t.get("forms", []), t["pinyin"], t["en"], *t["variants"]]
            title = t["zh"] if lang == "zh" else t["en"]
            text = " · ".join([*names, t["short"][lang]])
            entry = {"location": f"{base}#term-{t['id']}", "title": segment(title), "text": segment(text)}
            if hidden:
                entry["keywords"] = hidden(" ".join(glossary.zh_forms(t)))
            out.append(entry)
    return out


@event_priority(-200)
def on_post_build(config):
    # After static-i18n merged both languages' entries (and offline inlined them): split per language.
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # an inner, per-language build: the merged index does not exist yet
    site = Path(config.site_dir)
    merged = site / "search" / "search_index.json"
    if not merged.exists():
        return
    root = Path(config.config_file_path).parent
    langs = model.lang_codes(root)
    data = json.loads(merged.read_text("utf-8"))
    offline = config.plugins.get("material/offline")
    for lang in langs:
        prefix = "" if lang == langs[0] else f"{lang}/"
        docs = [e for e in data["docs"] if _lang_of(e["location"], langs) == lang]
        docs = [{**e, "location": e["location"][len(prefix):]} for e in docs]
        rules = dict(model.languages(root)["languages"][lang]["search"])
        han = rules.pop("segment", None) == "jieba"
        seg = segment_zh if han else (lambda s: s)
        if han:  # Material segmented these already; once more, the same way as the paragraphs
            docs = [{**e, "title": seg(e["title"]), "text": seg(e["text"])} for e in docs]
        docs = _paragraph_entries(docs, lang, seg, keywords if han else None, root)
        docs = _glossary_entries(docs, lang, seg, keywords if han else None, root)
        cfg = {**data["config"], **rules}
        if han:
            cfg["fields"] = {**cfg["fields"], "keywords": {"boost": 1.0}}
        payload = json.dumps({"config": cfg, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        out = site / prefix / "search"
        out.mkdir(parents=True, exist_ok=True)
        (out / "search_index.json").write_text(payload, "utf-8")
        if offline is not None and offline.config.enabled:
            (out / "search_index.js").write_text(f"var __index = {payload}", "utf-8")
