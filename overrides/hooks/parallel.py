"""Side-by-side pages and the print edition, rendered from the paragraphs of every language."""

from __future__ import annotations

from common import MARKER, glossary, lang_url, markers, model, page_lang, render, strings, targets

def _chapter(path: str) -> dict:
    """One report page in every language: title and paragraphs by id."""
    out = {"path": path, "langs": {}}
    for lang in model.lang_codes():
        file = model.ROOT / "docs" / model.localized(path, lang)
        if not file.exists():
            raise model.ModelError(f"docs/{model.localized(path, lang)}: missing (needed by the side-by-side "
                                   f"page of docs/{path})")
        out["langs"][lang] = model.parse_page(file, path, lang)
    return out


def on_page_markdown(markdown, page, config, files):
    # Replace `<!-- render: parallel PATH -->` and `<!-- render: print -->`.
    names = dict(markers(markdown))
    if "parallel" not in names and "print" not in names:
        return markdown
    lang = page_lang(page)
    s = strings(lang)
    langs = model.languages()["languages"]
    parts = {}
    if "parallel" in names:
        path = names["parallel"].strip()
        if path not in model.report_pages():
            raise model.ModelError(f"{page.file.src_uri}: parallel page names '{path}', which is not a report "
                                   f"page (expected one of {', '.join(model.report_pages())})")
        ch = _chapter(path)
        order = [lang] + [l for l in model.lang_codes() if l != lang]
        base = ch["langs"][model.default_lang()]
        rows = []
        for p in base.paras:
            rows.append({"id": p.id, "level": p.level, "cells": [
                {"lang": l, "html_lang": langs[l]["html_lang"],
                 "text": next(q.text for q in ch["langs"][l].paras if q.id == p.id),
                 "url": lang_url(page, path, l, config) + "#" + p.id} for l in order]})
        parts["parallel"] = render(config, "partials/parallel.html", s=s, rows=rows,
                                   langs=[{"code": l, "name": langs[l]["name"], "html_lang": langs[l]["html_lang"]}
                                          for l in order],
                                   chapter_urls={l: lang_url(page, path, l, config) for l in order})
    if "print" in names:
        chapters = [model.parse_page(model.ROOT / "docs" / model.localized(p, lang), p, lang)
                    for p in model.report_pages()]
        g = glossary.load()
        terms = sorted(g["terms"], key=lambda t: t["en"].lower() if lang != "zh" else t["pinyin"].lower())
        t = targets.load()
        rows = [{**r, "value_text": targets.value_text(r, lang), "label": r["indicator"][lang],
                 "qualifier_text": s.qualifiers[r["qualifier"]]} for r in t["rows"]]
        parts["print"] = render(config, "partials/print.html", s=s, lang=lang, chapters=chapters, terms=terms,
                                rows=rows, periods=s.targets_period, report=langs[lang]["report"],
                                home=lang_url(page, "index.md", lang, config))
    return MARKER.sub(lambda m: parts.get(m.group(1), m.group(0)), markdown)
