"""Markup: the few spots where stock Material templates are invalid HTML or fail axe, mended per page."""

from __future__ import annotations

import re

from common import model, strings

CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off"')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# Material's palette component forces several full-page style recalculations at load (300-500 ms on
# a phone for the 3,000-element glossary and targets pages); partials/javascripts/palette.html drives
# the same form instead, found by this attribute.
PALETTE_FORM = '<form class="md-header__option" data-md-component="palette">'


def mend(output: str, lang: str) -> str:
    """Nu validator: no autocomplete on checkboxes, no autocorrect, no empty tabindex, no label for a
    missing control; axe: a named dialog; performance: the palette form without Material's component."""
    if PALETTE_FORM not in output:
        raise model.ModelError(f"Material's palette form changed (expected {PALETTE_FORM!r}): "
                               f"update overrides/hooks/markup.py and partials/javascripts/palette.html")
    output = output.replace(PALETTE_FORM, '<form class="md-header__option" data-edition-palette>')
    output = CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)
    output = output.replace(' autocorrect="off"', "").replace(' tabindex=""', "")
    if 'id="__toc"' not in output:  # a section's index page has the toc title but not its toggle
        output = output.replace(' for="__toc"', "")
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{strings(lang).search_dialog}">')


def on_post_page(output, page, config):
    # Every page, in its language.
    return mend(output, getattr(page.file, "locale", None) or model.default_lang())


def on_post_template(output, template_name, config):
    # The 404 page goes through the same mending (the languages hook then files it by language).
    return mend(output, config.theme["language"]) if template_name == "404.html" else output
