"""Helpers the edition's hooks share (not a hook itself): language, URLs, strings, templates."""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from edition import glossary, model, targets  # noqa: E402,F401

# A Markdown line `<!-- render: NAME -->` is replaced by the hook that owns NAME.
MARKER = re.compile(r"^<!-- render: ([a-z-]+)(?: ([^>]*?))? -->$", re.M)


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


def strings(lang: str) -> Strings:
    return Strings(model.languages()["languages"][lang]["strings"], _lang=lang)


def page_lang(page) -> str:
    """The language of a page, as static-i18n sets it."""
    return getattr(page.file, "locale", None) or model.default_lang()


def neutral_path(page) -> str:
    """docs path without the language suffix: report/review.en.md -> report/review.md."""
    return re.sub(r"\.[a-z]{2}\.md$", ".md", page.file.src_uri)


def site_url_of(path: str, lang: str, config) -> str:
    """Site-relative URL of a docs page (language-neutral path) in one language."""
    stem = path[:-3]
    if config.use_directory_urls:
        if stem == "index":
            url = ""
        else:
            url = (stem[:-len("/index")] if stem.endswith("/index") else stem) + "/"
    else:
        url = stem + ".html"
    return model.site_prefix(lang) + url


def lang_url(page, path: str, lang: str, config) -> str:
    """Relative URL from this page to a docs page in one language."""
    return get_relative_url(site_url_of(path, lang, config) or ".", page.url)


def site_root(page) -> str:
    """Relative URL from this page to the site root, ending in '/' (for files such as data/*.csv)."""
    return get_relative_url(".", page.url).rstrip("/") + "/"


@functools.lru_cache(maxsize=None)
def para_pages() -> dict[str, str]:
    """Paragraph id -> docs path of the report page that holds it."""
    return {p.id: page.path for page in model.load_pages(model.default_lang()) for p in page.paras}


def para_url(page, pid: str, lang: str, config) -> str:
    return lang_url(page, para_pages()[pid], lang, config) + "#" + pid


def render(config, template: str, **context) -> str:
    """Render a template of overrides/ with Material's Jinja environment."""
    env = config.theme.get_env()
    return env.get_template(template).render(config=config, **context)


def add_downloads(files, config, downloads) -> None:
    """Generated files at the site root, once (in the default language's build)."""
    from mkdocs.structure.files import File

    if config.theme["language"] == model.default_lang():
        for path, content in downloads().items():
            files.append(File.generated(config, path, content=content.encode("utf-8")))


def markers(markdown: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2) or "") for m in MARKER.finditer(markdown)]
