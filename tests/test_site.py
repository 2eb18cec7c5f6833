"""The built site as a reader meets it: pages, ids, languages, the text, glossary, targets, downloads."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from conftest import LANGS, ROOT, page_file

from edition import glossary, model, targets

PAGES = model.nav_paths()
EXTRA = ["print.md"] + ["parallel/" + p[len("report/"):] for p in model.report_pages()]
HTML_LANG = {l: model.languages()["languages"][l]["html_lang"] for l in LANGS}


class Doc(HTMLParser):
    """Ids, <html lang>, elements with lang, report paragraphs' text, links and loaded URLs."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids, self.lang, self.paras, self.loads, self.links = [], None, {}, [], []
        self.headings = []  # (tag, id)
        self._stack = []  # (tag, attrs)
        self._para = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "html":
            self.lang = a.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append((tag, a.get("id")))
        if tag == "script" and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("rel") in ("stylesheet", "preload", "modulepreload", "icon"):
            self.loads.append(a["href"])
        if tag in ("img", "iframe", "source", "audio", "video") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "a" and a.get("href"):
            self.links.append((a["href"], a.get("class", ""), a.get("title")))
        if tag == "p" and "para" in (a.get("class") or "").split():
            self._para = [a["id"], ""]
        if tag not in self.VOID:
            self._stack.append((tag, a))

    def handle_endtag(self, tag):
        while self._stack:
            t, a = self._stack.pop()
            if t == tag:
                break
        if tag == "p" and self._para:
            self.paras[self._para[0]] = self._para[1]
            self._para = None

    def handle_data(self, data):
        if self._para and not any("para-link" in (a.get("class") or "") for _, a in self._stack):
            self._para[1] += data


@pytest.fixture(scope="session")
def docs(site) -> dict:
    out = {}
    for lang in LANGS:
        for path in PAGES + EXTRA:
            f = page_file(site, path, lang)
            out[(path, lang)] = Doc(f.read_text("utf-8")) if f.exists() else None
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_exists_in_both_languages(docs, lang):
    missing = [p for p in PAGES + EXTRA if docs[(p, lang)] is None]
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_is_the_page_language(docs, lang):
    wrong = {p: d.lang for (p, l), d in docs.items() if l == lang and d and d.lang != model.languages()["languages"][lang]["html_lang"].split("-")[0]}
    assert wrong == {}


def test_ids_unique_per_page(docs):
    dup = {k: sorted({i for i in d.ids if d.ids.count(i) > 1}) for k, d in docs.items() if d}
    assert {k: v for k, v in dup.items() if v} == {}


def test_headings_have_explicit_ids(docs):
    # Chinese headings would otherwise slugify to _1, _2 …; the same ids in every language.
    bad = {k: [h for h in d.headings if not h[1] or re.fullmatch(r"_\d+", h[1])] for k, d in docs.items() if d}
    assert {k: v for k, v in bad.items() if v} == {}
    for path in model.report_pages():
        assert [h for h in docs[(path, "zh")].headings] == [h for h in docs[(path, "en")].headings], path


@pytest.mark.parametrize("lang", LANGS)
def test_report_paragraphs_show_the_text_unaltered(docs, lang):
    """What the reader sees in each paragraph (term links included) is the model's text, id for id."""
    paras = model.paragraphs(lang)
    for path in model.report_pages():
        shown = docs[(path, lang)].paras
        page_ids = [p.id for p in model.parse_page(ROOT / "docs" / model.localized(path, lang), path, lang).paras
                    if not p.level]
        assert list(shown) == page_ids, path
        for pid, text in shown.items():
            expected = html.unescape(re.sub(r"<[^>]+>", "", paras[pid].text))
            assert model.norm(text) == model.norm(expected), (path, pid)


def test_no_third_party_resource_is_loaded(site):
    """No web fonts, CDNs or analytics: every script, stylesheet, image and CSS url() is local."""
    offenders = []
    for f in site.rglob("*.html"):
        for url in Doc(f.read_text("utf-8")).loads:
            if re.match(r"^(https?:)?//", url):
                offenders.append((str(f.relative_to(site)), url))
    for f in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", f.read_text("utf-8")):
            if re.match(r"^(https?:)?//", url):
                offenders.append((str(f.relative_to(site)), url))
    for f in site.rglob("*.html"):
        if re.search(r"fonts\.googleapis|fonts\.gstatic|unpkg\.com|cdn\.jsdelivr", f.read_text("utf-8")):
            offenders.append((str(f.relative_to(site)), "third-party host named in the page"))
    assert offenders == []


def test_english_404_under_en(site):
    zh, en = (site / "404.html").read_text("utf-8"), (site / "en" / "404.html").read_text("utf-8")
    assert Doc(zh).lang == "zh" and Doc(en).lang == "en"
    assert model.HAN.search(re.sub(r'<[^>]*lang="zh[^"]*"[^>]*>[^<]*<', "", re.sub(r"<script.*?</script>", "", en, flags=re.S))) is None \
        or "lang=\"zh" in en


# ---------------------------------------------------------------- glossary

@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_has_every_entry_with_anchor(docs, lang, site):
    data = glossary.load()
    d = docs[("glossary.md", lang)]
    assert {f"term-{t['id']}" for t in data["terms"]} <= set(d.ids)
    occ = glossary.occurrences(data)
    text = page_file(site, "glossary.md", lang).read_text("utf-8")
    for t in data["terms"]:
        entry = re.search(rf'id="term-{t["id"]}".*?</div>', text, re.S).group(0)
        for pid in occ[t["id"]]:
            assert f"#{pid}\"" in entry, (t["id"], pid)


@pytest.mark.parametrize("lang", LANGS)
def test_terms_linked_in_text_once_per_paragraph(docs, lang, site):
    data = {t["id"]: t for t in glossary.load()["terms"]}
    occ = glossary.occurrences(glossary.load())
    linked = {}
    for path in model.report_pages():
        text = page_file(site, path, lang).read_text("utf-8")
        for pid, inner in re.findall(r'<p id="(p\d\d|t\d)" class="para[^"]*">(.*?)</p>', text, re.S):
            ids = re.findall(r'<a class="term" href="[^"]*#term-([a-z0-9-]+)" title="([^"]+)"', inner)
            names = [i for i, _ in ids]
            assert len(names) == len(set(names)), (pid, names)  # first occurrence only
            for tid, title in ids:
                assert html.unescape(title) == data[tid]["short"][lang]
                linked.setdefault(tid, set()).add(pid)
    if lang == "zh":  # every occurrence in Chinese is linked, or sits inside a longer linked term
        headings = {p.id for p in model.paragraphs(lang).values() if p.level}
        for tid, pids in occ.items():
            for pid in set(pids) - linked.get(tid, set()) - headings:
                longer = [o for o, ps in linked.items() if pid in ps and o != tid and any(
                    f in g for f in glossary.zh_forms(data[tid]) for g in glossary.zh_forms(data[o]))]
                assert longer, (tid, pid)


# ---------------------------------------------------------------- targets

@pytest.mark.parametrize("lang", LANGS)
def test_targets_tables_hold_every_row(site, lang):
    data = targets.load()
    text = page_file(site, "targets.md", lang).read_text("utf-8")
    shown = re.findall(r'<tr id="row-([a-z0-9-]+)" data-id="\1"><th scope="row">.*?</th><td data-value="([^"]+)"><a href="([^"]+)">([^<]+)</a>', text)
    assert sorted(r[0] for r in shown) == sorted(r["id"] for r in data["rows"])
    rows = {r["id"]: r for r in data["rows"]}
    for rid, value, href, label in shown:
        assert float(value) == pytest.approx(targets.absolute(rows[rid]))
        assert href.endswith("#" + rows[rid]["source"])
        assert html.unescape(label) == targets.value_text(rows[rid], lang)


@pytest.mark.parametrize("lang", LANGS)
def test_home_headline_links_to_rows(site, lang):
    text = page_file(site, "index.md", lang).read_text("utf-8")
    wanted = targets.load()["headline"]
    assert re.findall(r'class="headline-card" href="[^"]*#row-([a-z0-9-]+)"', text) == wanted


@pytest.mark.parametrize("lang", LANGS)
def test_charts_have_text_alternatives(site, lang):
    text = page_file(site, "targets.md", lang).read_text("utf-8")
    svgs = re.findall(r"<svg[^>]*role=\"img\"[^>]*aria-labelledby=\"([^\"]+)\"", text)
    assert len(svgs) == 2
    for ids in svgs:
        for i in ids.split():
            assert f'id="{i}"' in text
    progress = targets.load()["progress"]
    assert text.count('class="chart-bar-result"') == len(progress)


def test_downloads_hold_the_data(site):
    rows = targets.load()["rows"]
    raw = (site / "data" / "targets.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["id"] for r in table] == [r["id"] for r in rows]
    assert [float(r["value"]) for r in table] == [float(r["value"]) for r in rows]
    js = json.loads((site / "data" / "targets.json").read_text("utf-8"))
    schema = json.loads((site / "data" / "targets.schema.json").read_text("utf-8"))
    jsonschema.validate(js, schema)
    assert [r["id"] for r in js["rows"]] == [r["id"] for r in rows]
    terms = glossary.load()["terms"]
    graw = (site / "data" / "glossary.csv").read_bytes()
    assert graw.startswith(b"\xef\xbb\xbf")
    assert [r["id"] for r in csv.DictReader(io.StringIO(graw.decode("utf-8-sig")))] == [t["id"] for t in terms]
    gjs = json.loads((site / "data" / "glossary.json").read_text("utf-8"))
    assert [e["id"] for e in gjs["entries"]] == [t["id"] for t in terms]
    annex = {t["id"]: t for t in terms if t["source"] == "annex"}
    for e in gjs["entries"]:
        if e["id"] in annex:  # the official explanation, verbatim
            assert e["explanation_zh"] in model.paragraphs("zh")[annex[e["id"]]["ref"]].text


# ------------------------------------------------------- side by side and print

@pytest.mark.parametrize("lang", LANGS)
def test_side_by_side_pages_pair_every_paragraph(site, lang):
    for path in model.report_pages():
        text = page_file(site, "parallel/" + path[len("report/"):], lang).read_text("utf-8")
        ids = [p.id for p in model.parse_page(ROOT / "docs" / path, path, "zh").paras]
        pairs = re.findall(r'<div class="pl-pair[^"]*" id="([^"]+)">(.*?)\n</div>', text, re.S)
        assert [i for i, _ in pairs] == ids, path
        for pid, inner in pairs:
            cells = re.findall(r'<div class="pl-cell pl-(\w+)" lang="([^"]+)">', inner)
            assert sorted(c for c, _ in cells) == sorted(LANGS), (path, pid)
            assert all(l == HTML_LANG[c] for c, l in cells)


@pytest.mark.parametrize("lang", LANGS)
def test_print_page_has_every_paragraph_once(site, lang):
    d = Doc(page_file(site, "print.md", lang).read_text("utf-8"))
    for p in model.read_source():
        assert d.ids.count(p.id) == 1, p.id


# ---------------------------------------------------------------- SEO and sharing

@pytest.mark.parametrize("lang", LANGS)
def test_every_page_describes_itself_in_its_language(site, lang):
    seen = set()
    for path in PAGES + EXTRA:
        text = page_file(site, path, lang).read_text("utf-8")
        desc = re.search(r'<meta name="description" content="([^"]+)">', text)
        og_title = re.search(r'<meta property="og:title" content="([^"]+)">', text)
        og_desc = re.search(r'<meta property="og:description" content="([^"]+)">', text)
        assert desc and og_title and og_desc, path
        d = html.unescape(desc.group(1))
        assert bool(model.HAN.search(d)) == (lang == "zh"), (path, d)
        if path.startswith("report/"):
            seen.add(d)
    assert len(seen) == len(model.report_pages())  # each chapter has its own


def test_sitemap_covers_both_languages_with_hreflang(site):
    text = (site / "sitemap.xml").read_text("utf-8")
    for path in model.nav_paths():
        for lang in LANGS:
            rel = page_file(site, path, lang).relative_to(site).as_posix().removesuffix("index.html")
            assert re.search(rf'hreflang="{lang}" href="[^"]*/{re.escape(rel)}"', text), (path, lang)
