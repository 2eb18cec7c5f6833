"""Real Chromium (Debian's) against the site served by nginx, and the offline edition over file://."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import LANGS, ROOT

from edition import glossary, model

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is missing: `make setup` installs it (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


class Watch:
    """Console errors and requests that leave the allowed origin, for one browser context."""

    def __init__(self, context, allowed):
        self.errors, self.outside = [], []
        self.allowed = allowed
        context.on("page", self.attach)
        context.on("request", self.request)

    def attach(self, page):
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))

    def request(self, req):
        if not self.allowed(req.url):
            self.outside.append(req.url)


@pytest.fixture
def open_site(browser, server):
    """New context(s) on the served site; at the end no console error and no request off 127.0.0.1."""
    made = []

    def make(**options):
        ctx = browser.new_context(**options)
        host = urlsplit(server).netloc
        watch = Watch(ctx, lambda url: urlsplit(url).netloc == host or url.startswith(("data:", "blob:", "about:")))
        made.append((ctx, watch))
        page = ctx.new_page()
        return page, watch

    yield make
    for ctx, watch in made:
        ctx.close()
        assert watch.errors == [], watch.errors
        assert watch.outside == [], watch.outside


def url_of(server: str, path: str, lang: str) -> str:
    stem = path[:-3]
    rel = "" if stem == "index" else (stem[: -len("index")] if stem.endswith("/index") else stem + "/")
    return f"{server}/{model.site_prefix(lang)}{rel}"


ALL_PAGES = model.nav_paths() + ["print.md"] + ["parallel/" + p[len("report/"):] for p in model.report_pages()]


# ------------------------------------------------------------------ search

def run_search(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # on a narrow screen the search hides behind its header button
        page.locator("label.md-header__button[for=__search]").click()
    box.click()
    box.press_sequentially(query, delay=20)
    box.press("End")  # Material listens for keyup; an IME commit sends one, inserted CJK text does not
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]


@pytest.mark.parametrize("lang,query", [("zh", "双全双百"), ("zh", "瞪羚"), ("en", "gazelle"), ("en", "sponge city")])
def test_search_finds_terms_in_the_current_language(open_site, server, lang, query):
    page, _ = open_site()
    page.goto(url_of(server, "index.md", lang))
    hrefs = run_search(page, query)
    assert hrefs
    for h in hrefs:
        path = urlsplit(h).path
        assert path.startswith("/en/") == (lang == "en"), h
    wanted = {pid for pid, p in model.paragraphs(lang).items() if query.lower() in p.text.lower()}
    anchors = [urlsplit(h).fragment for h in hrefs if urlsplit(h).fragment]
    terms = {f"term-{t['id']}" for t in glossary.load()["terms"]}
    assert anchors[0] in wanted | terms, anchors[:3]
    assert next(a for a in anchors if re.fullmatch(r"p\d\d", a)) in wanted, anchors[:5]


def test_search_index_loads_only_when_the_reader_searches(open_site, server):
    """Pages load without the ~60 KiB search index; turning to search fetches it, and search works."""
    page, _ = open_site()
    fetched = []
    page.on("request", lambda r: "search_index" in r.url and fetched.append(r.url))
    page.goto(url_of(server, "report/review.md", "en"))
    page.wait_for_load_state("networkidle")
    assert fetched == []
    assert run_search(page, "gazelle")
    assert [urlsplit(u).path for u in fetched] == ["/en/search/search_index.json"]


def test_search_highlight_link_loads_the_index_at_once(open_site, server):
    page, _ = open_site()
    page.goto(url_of(server, "report/review.md", "en") + "?h=gazelle")
    page.wait_for_selector("mark[data-md-highlight]", timeout=10000)


@pytest.mark.parametrize("scheme,other", [("light", "slate"), ("dark", "default")])
def test_palette_follows_the_system_and_the_toggle_is_remembered(open_site, server, scheme, other):
    page, _ = open_site(color_scheme=scheme)
    page.goto(url_of(server, "glossary.md", "zh"))
    first = "default" if scheme == "light" else "slate"
    assert page.evaluate("document.body.dataset.mdColorScheme") == first
    toggle = page.locator("[data-edition-palette] label:visible")
    assert toggle.count() == 1
    toggle.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == other
    page.goto(url_of(server, "report/review.md", "en"))
    assert page.evaluate("document.body.dataset.mdColorScheme") == other
    page.locator("[data-edition-palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.body.dataset.mdColorScheme") == first


# ------------------------------------------------------- language switch in place

@pytest.mark.parametrize("lang,other", [("zh", "en"), ("en", "zh")])
def test_language_switch_keeps_page_and_paragraph(open_site, server, lang, other):
    page, _ = open_site(viewport={"width": 1280, "height": 800})
    page.goto(url_of(server, "report/five-years.md", lang) + "#p22")
    page.wait_for_timeout(300)
    page.locator(".md-header__option .md-select").hover()
    page.locator(f".md-select__link[hreflang={other}]").click()
    page.wait_for_url(re.compile(r".*#p2\d$"))
    assert urlsplit(page.url).path == urlsplit(url_of(server, "report/five-years.md", other)).path
    assert urlsplit(page.url).fragment in {"p22", "p21", "p23"}


def test_language_switch_uses_the_paragraph_in_view(open_site, server):
    page, _ = open_site(viewport={"width": 1280, "height": 800})
    page.goto(url_of(server, "report/review.md", "zh"))
    page.locator("#p10").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('p10').scrollIntoView({block: 'start'})")
    page.wait_for_timeout(200)
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-select__link[hreflang=en]").click()
    page.wait_for_url(re.compile(r".*/en/report/review/#p\d\d$"))
    assert urlsplit(page.url).fragment in {"p09", "p10"}


# --------------------------------------------------------------- glossary

@pytest.mark.parametrize("lang", LANGS)
def test_term_tooltip_on_hover_and_focus(open_site, server, lang):
    page, _ = open_site()
    page.goto(url_of(server, "report/review.md", lang))
    terms = page.locator("a.term")
    first, second = terms.nth(0), terms.nth(1)
    definition = first.get_attribute("title")
    assert definition, "the definition is in the link's title before any script runs"
    first.hover()
    tip = page.locator("[role=tooltip]")
    tip.wait_for(state="visible", timeout=5000)
    assert tip.inner_text() == definition
    assert first.get_attribute("aria-describedby") == tip.get_attribute("id")
    assert first.get_attribute("title") is None  # no second, native tooltip on top of ours
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden", timeout=2000)
    second.focus()
    tip.wait_for(state="visible", timeout=2000)
    assert tip.inner_text() == second.get_attribute("data-tip")
    box, link = tip.bounding_box(), second.bounding_box()
    assert abs(box["y"] - (link["y"] + link["height"])) < 40 or abs(box["y"] + box["height"] - link["y"]) < 40
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden", timeout=2000)


@pytest.mark.parametrize("lang,query,term", [("zh", "瞪羚", "瞪羚"), ("en", "gazelle", "gazelle"), ("zh", "dengling", "瞪羚")])
def test_glossary_filter(open_site, server, lang, query, term):
    page, _ = open_site()
    page.goto(url_of(server, "glossary.md", lang))
    total = page.locator(".gl-entry").count()
    page.locator("#gl-filter").press_sequentially(query, delay=20)
    shown = page.locator(".gl-entry:visible")
    assert 0 < shown.count() < total
    assert any(term.lower() in t.lower() for t in shown.all_inner_texts())


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_filter_matches_forms_not_shown(open_site, server, lang):
    """Another written form of a term (e.g. an abbreviation in the text) finds the entry."""
    term = min((t for t in glossary.load()["terms"] if t.get("forms") and t["forms"][0] not in t["zh"]),
               key=lambda t: len(t["forms"][0]))
    page, _ = open_site()
    page.goto(url_of(server, "glossary.md", lang))
    page.locator("#gl-filter").press_sequentially(term["forms"][0], delay=20)
    assert page.locator(f"#term-{term['id']}").is_visible()


def test_glossary_filter_is_not_offered_without_script(open_site, server):
    page, _ = open_site(java_script_enabled=False)
    page.goto(url_of(server, "glossary.md", "zh"))
    assert page.locator(".gl-entry").first.is_visible()
    assert not page.locator("#gl-filter").is_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_alphabetical_order(open_site, server, lang):
    page, _ = open_site()
    page.goto(url_of(server, "glossary.md", lang))
    page.locator("input[name=gl-order][value=alpha]").check()
    visible = page.locator(".gl-all .gl-entry")
    assert visible.count() == len(glossary.load()["terms"])
    keys = visible.evaluate_all("els => els.map(e => e.dataset.glSort)")
    assert keys == sorted(keys, key=lambda k: k) or keys == page.evaluate(
        "ks => ks.slice().sort((a, b) => a.localeCompare(b))", keys)
    assert not page.locator("h2#cat-" + glossary.load()["terms"][0]["category"]).is_visible()
    page.locator("input[name=gl-order][value=category]").check()
    assert page.locator(".gl-all .gl-entry").count() == 0
    assert page.locator("h2#cat-" + glossary.load()["terms"][0]["category"]).is_visible()


# ---------------------------------------------------------------- targets

@pytest.mark.parametrize("lang", LANGS)
def test_targets_tables_and_charts_render_and_sort(open_site, server, lang):
    page, _ = open_site()
    page.goto(url_of(server, "targets.md", lang))
    for svg in page.locator("svg.chart-svg").all():
        box = svg.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100
    table = page.locator("table.sortable").first
    assert table.is_visible()
    table.locator("thead th").nth(1).locator("button").click()
    values = [float(v) for v in table.locator("td[data-value]").evaluate_all("els => els.map(e => e.dataset.value)")]
    assert values == sorted(values)


# ---------------------------------------------------------------- phones

@pytest.mark.parametrize("lang", LANGS)
def test_no_page_scrolls_sideways_at_375px(open_site, server, lang):
    page, _ = open_site(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    wide = []
    for path in ALL_PAGES:
        page.goto(url_of(server, path, lang))
        sw, cw = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if sw > cw:
            wide.append((path, sw))
    assert wide == []


# ------------------------------------------------------ citations and scripts off

def test_copy_citation_puts_the_citation_on_the_clipboard(open_site, server):
    page, _ = open_site(permissions=["clipboard-read", "clipboard-write"])
    page.goto(url_of(server, "report/review.md", "en"))
    p = page.locator("#p06")
    p.hover()
    p.locator(".para-cite").click()
    page.wait_for_function("document.querySelector('#p06 .para-status') && document.querySelector('#p06 .para-status').textContent.length > 0")
    text = page.evaluate("navigator.clipboard.readText()")
    s = model.languages()["languages"]["en"]["strings"]
    assert text.startswith(s["author"] + ", " + model.languages()["languages"]["en"]["report"])
    assert ", para. 6. " in text and text.endswith("/en/report/review/#p06")


def test_copy_citation_falls_back_to_selecting_it(open_site, server):
    page, _ = open_site()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(url_of(server, "report/review.md", "zh"))
    page.locator("#p06").hover()
    page.locator("#p06 .para-cite").focus()
    page.keyboard.press("Enter")
    selected = page.evaluate("window.getSelection().toString()")
    assert "第6段" in selected and selected.endswith("/report/review/#p06")


def test_side_by_side_without_javascript(open_site, server):
    page, _ = open_site(java_script_enabled=False)
    page.goto(url_of(server, "parallel/review.md", "zh"))
    pair = page.locator(".pl-pair#p06")
    assert pair.locator(".pl-zh").is_visible() and pair.locator(".pl-en").is_visible()
    assert pair.locator(".pl-en").get_attribute("lang") == "en"
    page.locator("label[for=pl-hide-zh]").click()  # hiding a language needs no script either
    assert not pair.locator(".pl-zh").is_visible() and pair.locator(".pl-en").is_visible()


# ------------------------------------------------------- keyboard and contrast

def test_keyboard_focus_is_visible(open_site, server):
    page, _ = open_site()
    page.goto(url_of(server, "report/review.md", "zh"))
    seen = 0
    for _ in range(25):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
            return [e.tagName, s.outlineStyle, s.outlineWidth, s.boxShadow]; }""")
        if style[0] in ("A", "BUTTON", "INPUT", "LABEL"):
            seen += 1
            assert style[1] != "none" or style[3] != "none", style
    assert seen > 5


# ------------------------------------------------------------- accessibility

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_reports_no_violation(open_site, server, lang, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page, _ = open_site(color_scheme=scheme)
    pages = ALL_PAGES if scheme == "light" else ["index.md", "report/review.md", "glossary.md", "targets.md",
                                                 "parallel/review.md"]
    found = {}
    for path in pages:
        page.goto(url_of(server, path, lang))
        result = axe.run(page, options={"runOnly": {"type": "tag", "values":
                                                     ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
        violations = result.response["violations"]
        if violations:
            found[path] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert found == {}


@pytest.mark.parametrize("lang", LANGS)
def test_axe_on_a_touch_phone(open_site, server, lang):
    """On touch screens the permalink and citation button are always shown: they must keep contrast too."""
    from axe_playwright_python.sync_playwright import Axe

    page, _ = open_site(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page.goto(url_of(server, "report/review.md", lang))
    assert page.locator("#p06 .para-cite").evaluate("e => getComputedStyle(e).opacity") == "1"
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2aa", "best-practice"]}})
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result.response["violations"]] == []


@pytest.mark.parametrize("lang", LANGS)
def test_fragments_in_the_other_language_carry_lang(site, lang):
    """Every run of Chinese on an English page sits in an element with lang="zh…" (and the reverse for Latin words is not required)."""
    from test_site import Doc  # noqa: F401

    if lang == "zh":
        return
    offenders = []
    for f in (site / "en").rglob("*.html"):
        text = re.sub(r"<script.*?</script>|<style.*?</style>", "", f.read_text("utf-8"), flags=re.S)
        text = re.sub(r'<(\w+)[^>]*\blang="zh[^"]*"[^>]*>.*?</\1>', "", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        if model.HAN.search(text):
            offenders.append((str(f.relative_to(site)), "".join(model.HAN.findall(text))[:20]))
    assert offenders == []


# ------------------------------------------------------------- offline edition

@pytest.fixture(scope="session")
def unpacked(built, tmp_path_factory) -> Path:
    zips = sorted(built["dist"].glob("*.zip"))
    assert len(zips) == 1
    out = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(zips[0]) as z:
        z.extractall(out)
    (top,) = out.iterdir()
    return top


def test_offline_edition_works_from_file(browser, unpacked):
    ctx = browser.new_context()
    root = unpacked.resolve().as_uri()
    watch = Watch(ctx, lambda url: url.startswith(root) or url.startswith(("data:", "blob:", "about:")))
    page = ctx.new_page()
    page.goto(root + "/index.html")
    assert page.evaluate("document.documentElement.lang") == "zh"
    hrefs = run_search(page, "双全双百")
    assert hrefs and not any("/en/" in h for h in hrefs)
    page.goto(root + "/en/index.html")
    hrefs = run_search(page, "gazelle")
    assert hrefs and all("/en/" in h for h in hrefs)
    page.goto(root + "/report/review.html#p08")
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-select__link[hreflang=en]").click()
    page.wait_for_load_state()
    assert page.url.split("#")[0].endswith("/en/report/review.html")
    page.goto(root + "/en/targets.html")
    assert page.locator("svg.chart-svg").first.is_visible()
    page.goto(root + "/report/review.html")
    page.locator("a.term").first.hover()
    page.locator("[role=tooltip]").wait_for(state="visible", timeout=5000)
    ctx.close()
    assert watch.errors == [], watch.errors
    assert watch.outside == [], watch.outside
