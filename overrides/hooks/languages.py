"""Languages: each language's own 404 page; hreflang alternates left to the sitemap."""

from __future__ import annotations

import re
from pathlib import Path

from common import model

HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_template(output, template_name, config):
    # static-i18n builds 404.html once per language into the same file: put each language's under its root.
    lang = config.theme["language"]
    if template_name != "404.html" or lang == model.default_lang():
        return output
    target = Path(config.site_dir) / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, "utf-8")
    return ""  # MkDocs writes nothing for empty output, so the root 404 stays in the default language


def on_post_page(output, page, config):
    # Material fetches sitemap.xml next to every <link rel=alternate>; static-i18n's per-page links
    # make that a 404 online and an error offline. The sitemap carries the hreflang alternates instead.
    return HEAD_ALTERNATE.sub("", output)
