"""Offline edition: the iframe-worker shim from npm (not a CDN), pruned assets, the download page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from common import MARKER, lang_url, markers, model, page_lang, render, site_root, strings

SHIM = "assets/javascripts/iframe-worker-shim.js"
SHIM_SOURCE = model.ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
DIST = model.ROOT / "dist"


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(100)
def on_config(config):
    # Before Material's offline plugin adds unpkg.com's shim: name ours, so it adds nothing.
    if _offline(config):
        config.extra["polyfills"] = [SHIM]
    return config


@event_priority(-110)
def on_files(files, config):
    # Ship the shim from the pinned npm package (installed by `make setup`).
    if _offline(config) and config.theme["language"] == model.default_lang():
        if not SHIM_SOURCE.exists():
            raise model.ModelError(f"{SHIM_SOURCE.relative_to(model.ROOT)}: missing (expected the npm package "
                                   f"iframe-worker from package-lock.json; run `make setup`)")
        files.append(File.generated(config, SHIM, content=SHIM_SOURCE.read_bytes()))
    return files


def manifest() -> dict | None:
    """What `scripts/build.py` recorded about the zip it packed, if any."""
    path = DIST / "offline.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else None


def on_page_markdown(markdown, page, config, files):
    # Replace `<!-- render: download -->` with the editions a reader can take away.
    if "download" not in dict(markers(markdown)):
        return markdown
    lang = page_lang(page)
    info = None if _offline(config) else manifest()
    body = render(config, "partials/download.html", s=strings(lang), info=info, offline=_offline(config),
                  zip_url=(site_root(page) + "download/" + info["name"]) if info else None,
                  print_url=lang_url(page, "print.md", lang, config))
    return MARKER.sub(lambda m: body if m.group(1) == "download" else m.group(0), markdown)


def _unused_assets(site: Path, config) -> list[Path]:
    """Files no reader needs: source maps, and search languages and segmenters no index uses."""
    used = {lang for rules in model.languages()["languages"].values() for lang in rules["search"]["lang"]}
    out = list(site.glob("assets/**/*.map"))
    lunr = site / "assets" / "javascripts" / "lunr"
    keep = {"lunr.stemmer.support.min.js"} | {f"lunr.{lang}.min.js" for lang in used if lang != "en"}
    if len(used) > 1:
        keep.add("lunr.multi.min.js")
    out += [p for p in (lunr / "min").glob("*.js") if p.name not in keep]
    segmenters = {"tinyseg.js": "ja", "wordcut.js": "th"}
    out += [lunr / name for name, lang in segmenters.items() if lang not in used and (lunr / name).exists()]
    return out


@event_priority(-200)
def on_post_build(config):
    # Once all languages are built: prune, and put the offline zip next to the online site.
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    site = Path(config.site_dir)
    for path in _unused_assets(site, config):
        path.unlink()
    info = manifest()
    if info and not _offline(config):
        zip_path = DIST / info["name"]
        if zip_path.exists():
            (site / "download").mkdir(exist_ok=True)
            shutil.copy2(zip_path, site / "download" / info["name"])
