"""Report paragraphs: ids, permalinks, and the edition context every template reads."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import model  # noqa: E402

PARA = re.compile(r'<p id="((?:t\d|p\d\d))"((?: class="[^"]*")?)>(.*?)</p>', re.S)


class Strings(dict):
    """A language's strings: an unknown key fails the build instead of rendering blank."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise model.ModelError(f"data/languages.yml: no string '{name}' for language "
                                   f"'{self.get('_lang')}'") from None


def page_lang(page) -> str:
    """The language of a page, as static-i18n sets it."""
    return getattr(page.file, "locale", None) or model.default_lang()


def lang_url(page, path: str, lang: str, config) -> str:
    """Relative URL from this page to a docs page (language-neutral path) in one language."""
    stem = path[:-3]
    if config.use_directory_urls:
        url = "" if stem == "index" else (stem[:-5] if stem.endswith("/index") else stem) + "/"
    else:
        url = stem + ".html"
    if lang != model.default_lang():
        url = f"{lang}/{url}"
    return get_relative_url(url or ".", page.url) if url else get_relative_url(".", page.url)


def neutral_path(page) -> str:
    """docs path without the language suffix: report/review.en.md -> report/review.md."""
    return re.sub(r"\.[a-z]{2}\.md$", ".md", page.file.src_uri)


def on_page_context(context, page, config, nav):
    # Expose the language's strings and the edition's links to the templates.
    lang = page_lang(page)
    strings = Strings(model.languages()["languages"][lang]["strings"], _lang=lang)
    path = neutral_path(page)
    parallel = None
    if path.startswith("report/"):
        parallel = lang_url(page, "parallel/" + path[len("report/"):], lang, config)
    context["edition"] = {
        "lang": lang,
        "is_default": lang == model.default_lang(),
        "strings": strings,
        "notes_url": lang_url(page, "notes.md", lang, config),
        "parallel_url": parallel,
    }
    return context


def on_page_content(html, page, config, files):
    # Give each report paragraph its class and a visible permalink.
    if not neutral_path(page).startswith("report/"):
        return html
    lang = page_lang(page)
    label = model.languages()["languages"][lang]["strings"]["permalink"]

    def mark(m):
        pid, cls, inner = m.groups()
        classes = ("para " + re.sub(r'^ class="|"$', "", cls)).strip()
        return (f'<p id="{pid}" class="{classes}">{inner}'
                f'<a class="para-link" href="#{pid}" title="{label}" aria-label="{label} {pid}">¶</a></p>')

    return PARA.sub(mark, html)


def on_template_context(context, template_name, config):
    # The 404 page has no Page: give it the default language's context, with site-absolute links.
    if template_name == "404.html":
        from urllib.parse import urlsplit
        lang = model.default_lang()
        root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        context["edition"] = {
            "lang": lang, "is_default": True, "parallel_url": None,
            "strings": Strings(model.languages()["languages"][lang]["strings"], _lang=lang),
            "notes_url": root + ("notes/" if config.use_directory_urls else "notes.html"),
        }
    return context
