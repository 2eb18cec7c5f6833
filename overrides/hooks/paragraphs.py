"""Report paragraphs: ids, permalinks, and the edition context every template reads."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from mkdocs.structure.toc import AnchorLink

from common import lang_url, model, neutral_path, page_lang, strings

# attr_list writes class before id: <p class="byline" id="t2">.
PARA = re.compile(r'<p(?: class="([^"]*)")? id="((?:t\d|p\d\d))">(.*?)</p>', re.S)
HEADERLINK = re.compile(r'(<a class="headerlink" href="#[^"]*" title=")[^"]*(")')


def on_page_context(context, page, config, nav):
    # Expose the language's strings and the edition's links to the templates.
    lang = page_lang(page)
    path = neutral_path(page)
    parallel = None
    if path.startswith("report/"):
        parallel = lang_url(page, "parallel/" + path[len("report/"):], lang, config)
    context["edition"] = {
        "lang": lang,
        "report": model.languages()["languages"][lang]["report"],
        "og_locale": model.languages()["languages"][lang]["og_locale"],
        "is_default": lang == model.default_lang(),
        "strings": strings(lang),
        "notes_url": lang_url(page, "notes.md", lang, config),
        "parallel_url": parallel,
    }
    return context


def on_template_context(context, template_name, config):
    # The 404 page has no Page: give it its build's language, with site-absolute links.
    if template_name == "404.html":
        lang = config.theme["language"]
        root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        prefix = model.site_prefix(lang)
        context["edition"] = {
            "lang": lang, "is_default": lang == model.default_lang(), "parallel_url": None,
            "strings": strings(lang), "report": model.languages()["languages"][lang]["report"],
            "og_locale": model.languages()["languages"][lang]["og_locale"],
            "notes_url": root + prefix + ("notes/" if config.use_directory_urls else "notes.html"),
        }
    return context


def on_page_markdown(markdown, page, config, files):
    # A report page's meta description: the start of its first paragraph, in its language.
    path = neutral_path(page)
    if path.startswith("report/") and not page.meta.get("description"):
        lang = page_lang(page)
        file = model.ROOT / "docs" / model.localized(path, lang)
        paras = [p for p in model.parse_page(file, path, lang).paras if not p.level]
        if paras:
            text = html.unescape(re.sub(r"<[^>]+>", "", paras[0].text))
            text = text if len(text) <= 150 else text[:150].rsplit(" ", 1)[0] + "…"
            page.meta["description"] = html.escape(text)  # Material writes it into an attribute as is
    return markdown


def toc_label(pid: str, text: str, lang: str) -> str:
    """A short table-of-contents label: the paragraph number and its opening words."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    if lang == "zh":
        head = re.split(r"[。：；]", plain, maxsplit=1)[0]
        head = head if len(head) <= 16 else head[:15] + "…"
    else:
        words = re.split(r"(?<=[.:;])\s", plain, maxsplit=1)[0].split()
        head = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    number = int(pid[1:]) if pid.startswith("p") else pid
    return f"{number} {head}"


def on_page_content(html, page, config, files):
    # Give each report paragraph its class and a visible permalink; heading links in the page's language.
    lang = page_lang(page)
    label = strings(lang).permalink
    html = HEADERLINK.sub(rf"\g<1>{label}\g<2>", html)
    if not neutral_path(page).startswith("report/"):
        return html

    def mark(m):
        cls, pid, inner = m.groups()
        classes = f"para {cls or ''}".strip()
        return (f'<p id="{pid}" class="{classes}">{inner}'
                f'<a class="para-link" href="#{pid}" title="{label}" aria-label="{label} {pid}">¶</a></p>')

    html = PARA.sub(mark, html)
    # Every paragraph in the page's table of contents, under its heading: any paragraph in two clicks.
    file = model.ROOT / "docs" / model.localized(neutral_path(page), lang)
    parent = None
    for p in model.parse_page(file, neutral_path(page), lang).paras:
        if p.level:
            parent = _find(page.toc.items, p.id) or parent
        elif parent is not None and not p.id.startswith("t"):
            parent.children.append(AnchorLink(toc_label(p.id, p.text, lang), p.id, parent.level + 1))
    return html


def _find(items, anchor):
    for item in items:
        if item.id == anchor:
            return item
        found = _find(item.children, anchor)
        if found:
            return found
    return None
