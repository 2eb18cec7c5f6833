"""Render markers: one left in a page after every hook ran is a typo, and fails the build."""

from mkdocs.plugins import event_priority

from common import MARKER, model


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    # Runs after the hooks that replace markers: anything still here has no owner.
    m = MARKER.search(markdown)
    if m:
        line = markdown.count("\n", 0, m.start()) + 1
        raise model.ModelError(f"docs/{page.file.src_uri}:{line}: unknown render marker '{m.group(1)}' "
                               f"(expected glossary, targets, headline, parallel, print or download)")
    return markdown
