"""The offline edition: one zip, under budget, complete, and loading nothing from outside itself."""

from __future__ import annotations

import hashlib
import re
import zipfile

import pytest

from conftest import ROOT

import build
import check


@pytest.fixture(scope="session")
def unzipped(built, tmp_path_factory):
    zips = sorted(built["dist"].glob("*.zip"))
    assert [z.name for z in zips] == [f"{build.NAME}-offline-{build.edition_date()}.zip"]
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(zips[0]) as z:
        z.extractall(out)
    return zips[0], out / build.NAME


def test_zip_is_small_and_its_hash_published(unzipped, site):
    path, _ = unzipped
    assert path.stat().st_size < build.BUDGET
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert (path.parent / (path.name + ".sha256")).read_text().split()[0] == digest
    page = (site / "download" / "index.html").read_text("utf-8")
    assert digest in page and f'href="../download/{path.name}"' in page
    assert (site / "download" / path.name).read_bytes() == path.read_bytes()


def test_unpacked_zip_passes_the_links_check(unzipped):
    _, root = unzipped
    assert (root / "index.html").exists() and (root / "en" / "index.html").exists()
    assert [str(p) for p in check.check_links(root, ROOT)] == []


def test_nothing_a_reader_never_needs(unzipped):
    _, root = unzipped
    assert list(root.rglob("*.map")) == []
    lunr = {p.name for p in (root / "assets" / "javascripts" / "lunr").rglob("*.js")}
    assert "wordcut.js" not in lunr and "tinyseg.js" not in lunr and "lunr.th.min.js" not in lunr


def test_nothing_loads_from_the_network(unzipped):
    _, root = unzipped
    offenders = []
    for f in root.rglob("*.html"):
        text = f.read_text("utf-8")
        for tag, url in re.findall(r"<(script|img|iframe|source)\b[^>]*\bsrc=\"([^\"]+)\"", text):
            if re.match(r"^(https?:)?//", url):
                offenders.append((f.name, url))
        for url in re.findall(r"<link\b(?=[^>]*\brel=\"(?:stylesheet|preload|icon|modulepreload)\")[^>]*\bhref=\"([^\"]+)\"", text):
            if re.match(r"^(https?:)?//", url):
                offenders.append((f.name, url))
        if "unpkg.com" in text or "fonts.googleapis" in text:
            offenders.append((f.name, "third-party host"))
    for f in root.rglob("*.css"):
        offenders += [(f.name, u) for u in re.findall(r"url\(\s*['\"]?(https?://[^'\")]+)", f.read_text("utf-8"))]
    assert offenders == []
    shim = root / "assets" / "javascripts" / "iframe-worker-shim.js"
    assert shim.read_bytes() == (ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js").read_bytes()
    assert (root / "search" / "search_index.js").exists() and (root / "en" / "search" / "search_index.js").exists()
