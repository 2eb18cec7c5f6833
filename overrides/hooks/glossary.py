"""Glossary: pages rendered from data/glossary.yml, terms linked in the text, CSV/JSON downloads."""

from __future__ import annotations

import csv
import html
import io
import json
import re

from mkdocs.plugins import event_priority
from pypinyin import lazy_pinyin

from common import (MARKER, add_downloads, glossary, lang_url, markers, neutral_path, page_lang, para_url, render,
                    site_root, strings)


TAG_OR_TEXT = re.compile(r"(<[^>]+>)")
PARA = re.compile(r'(<p id="(?:t\d|p\d\d)" class="para[^"]*">)(.*?)(<a class="para-link")', re.S)


def _entries(lang: str, page, config) -> tuple[list[dict], dict]:
    """Glossary entries with everything a template needs in one language."""
    data = glossary.load()
    occ = glossary.occurrences(data)
    entries = []
    for t in data["terms"]:
        entries.append({
            **t,
            "anchor": f"term-{t['id']}",
            "label": t["zh"] if lang == "zh" else t["en"],
            "sort": "".join(lazy_pinyin(t["zh"])).lower() if lang == "zh" else
                    re.sub(r"^(the\s+)|[\"“”']", "", t["en"], flags=re.I).lower(),
            # What the filter should also match, beyond what the entry shows in this language.
            "also": [*t.get("forms", []), *(t["variants"] if lang == "zh" else [])],
            "short_text": t["short"][lang],
            "explanation_text": glossary.explanation(t, lang),
            "category_label": data["categories"][t["category"]][lang],
            "ref_url": para_url(page, t["ref"], lang, config) if t["source"] == "annex" else None,
            "occurs": [{"id": pid, "url": para_url(page, pid, lang, config)} for pid in occ[t["id"]]],
        })
    return entries, data["categories"]


def on_page_markdown(markdown, page, config, files):
    # Replace `<!-- render: glossary -->` with the glossary, grouped by category and sorted.
    if not any(name == "glossary" for name, _ in markers(markdown)):
        return markdown
    lang = page_lang(page)
    entries, categories = _entries(lang, page, config)
    groups = [{"id": cid, "label": labels[lang],
               "entries": sorted([e for e in entries if e["category"] == cid], key=lambda e: e["sort"])}
              for cid, labels in categories.items()]
    downloads = {ext: site_root(page) + f"data/glossary.{ext}"
                 for ext in ("csv", "json")}
    body = render(config, "partials/glossary.html", groups=[g for g in groups if g["entries"]],
                  entries=sorted(entries, key=lambda e: e["sort"]), lang=lang, s=strings(lang),
                  downloads=downloads, count=len(entries))
    return MARKER.sub(lambda m: body if m.group(1) == "glossary" else m.group(0), markdown)


def _linker(lang: str, page, config):
    """A function that links the first occurrence of each term in a paragraph's HTML."""
    data = glossary.load()
    url = lang_url(page, "glossary.md", lang, config)
    forms = []
    for t in data["terms"]:
        names = glossary.zh_forms(t) if lang == "zh" else glossary.en_forms(t)
        pats = [re.compile(re.escape(f.translate(glossary.QUOTES))) if lang == "zh" else glossary.en_pattern(f)
                for f in names]
        forms.append((max(map(len, names)), t, pats))
    forms.sort(key=lambda x: -x[0])  # longer terms first, so 一网通办 wins over 通办

    def link(inner: str) -> str:
        done, out, in_link = set(), [], 0
        for piece in TAG_OR_TEXT.split(inner):
            if piece.startswith("<"):
                in_link += piece.startswith("<a") - piece.startswith("</a")
                out.append(piece)
                continue
            if in_link or not piece:
                out.append(piece)
                continue
            text = html.unescape(piece)
            probe = text.translate(glossary.QUOTES)  # same length: indices stay valid
            spans = []
            for _, t, pats in forms:
                if t["id"] in done:
                    continue
                hits = [m for p in pats for m in p.finditer(probe)
                        if not any(m.start() < e and s < m.end() for s, e, _ in spans)]
                if hits:
                    m = min(hits, key=lambda m: (m.start(), -len(m.group(0))))
                    spans.append((m.start(), m.end(), t))
                    done.add(t["id"])
            out.append(_wrap(text, spans, url, lang))
        return "".join(out)

    return link


def _wrap(text: str, spans, url: str, lang: str) -> str:
    """Escape text, wrapping each span in a link to its entry with the short definition as tooltip."""
    out, pos = [], 0
    for s, e, t in sorted(spans, key=lambda x: x[0]):
        out.append(html.escape(text[pos:s], quote=False))
        out.append(f'<a class="term" href="{url}#term-{t["id"]}" title="{html.escape(t["short"][lang])}">'
                   f"{html.escape(text[s:e], quote=False)}</a>")
        pos = e
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def on_page_content(html_text, page, config, files):
    # Link glossary terms in report paragraphs (first occurrence per paragraph).
    if not neutral_path(page).startswith("report/"):
        return html_text
    link = _linker(page_lang(page), page, config)
    return PARA.sub(lambda m: m.group(1) + link(m.group(2)) + m.group(3), html_text)


def downloads() -> dict[str, str]:
    """data/glossary.json and data/glossary.csv (UTF-8 with BOM for spreadsheet programs)."""
    data = glossary.load()
    occ = glossary.occurrences(data)
    rows = []
    for t in data["terms"]:
        rows.append({
            "id": t["id"], "zh": t["zh"], "forms": t.get("forms", []), "pinyin": t["pinyin"], "en": t["en"],
            "variants": t["variants"], "category": t["category"],
            "category_zh": data["categories"][t["category"]]["zh"],
            "category_en": data["categories"][t["category"]]["en"],
            "short_zh": t["short"]["zh"], "short_en": t["short"]["en"],
            "explanation_zh": glossary.explanation(t, "zh"), "explanation_en": glossary.explanation(t, "en"),
            "source": t["source"], "ref": t["ref"], "occurs_in": occ[t["id"]],
        })
    meta = {"title": "Glossary of the 2022 Government Work Report of Shinan District, Qingdao",
            "source": "Report text: Shinan District People's Government, 2022-02-24. Entries: this edition.",
            "licence": "Report text: public government information. Glossary: CC BY 4.0, this edition.",
            "entries": rows}
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(list(rows[0]))
    for r in rows:
        w.writerow(["; ".join(v) if isinstance(v, list) else v for v in r.values()])
    return {"data/glossary.json": json.dumps(meta, ensure_ascii=False, indent=1),
            "data/glossary.csv": "\ufeff" + buf.getvalue()}


@event_priority(-110)  # after static-i18n sorted the files by language
def on_files(files, config):
    # The downloads exist once, at the site root.
    add_downloads(files, config, downloads)
    return files
