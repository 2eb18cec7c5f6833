"""The web server configuration a host deploys: headers, compression, types, caching and both 404s."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import urllib.error
import urllib.request

from conftest import ROOT


def get(url: str, gz: bool = False):
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gz else {})
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_security_headers(server, site):
    status, h, _ = get(server + "/report/review/")
    assert status == 200
    csp = h["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "http" not in csp
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"] == "strict-origin-when-cross-origin"
    # The search worker runs under the same policy as the pages (a worker takes its script's).
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).name
    _, h, _ = get(f"{server}/assets/javascripts/workers/{worker}")
    assert h["Content-Security-Policy"] == csp and h["X-Content-Type-Options"] == "nosniff"
    _, h, _ = get(server + "/assets/favicon.svg")
    assert h["Content-Security-Policy"] == csp  # an SVG opened on its own is a document


def test_compression_and_types(server, site):
    status, h, body = get(server + "/report/review/", gz=True)
    assert h.get("Content-Encoding") == "gzip" and h["Content-Type"].startswith("text/html")
    assert gzip.decompress(body) == (site / "report" / "review" / "index.html").read_bytes()
    css = next((site / "assets" / "stylesheets").glob("main.*.min.css")).name
    _, h, _ = get(f"{server}/assets/stylesheets/{css}", gz=True)
    assert h["Content-Type"].startswith("text/css") and h.get("Content-Encoding") == "gzip"
    assert "max-age=31536000" in h["Cache-Control"]
    _, h, _ = get(server + "/data/targets.csv")
    assert h["Content-Type"].startswith("text/csv")
    _, h, _ = get(server + "/search/search_index.json", gz=True)
    assert h["Content-Type"].startswith("application/json") and h.get("Content-Encoding") == "gzip"
    _, h, _ = get(server + "/assets/edition.css")
    assert "max-age=31536000" not in h["Cache-Control"]  # not fingerprinted: may change


def test_404_in_the_readers_language(server):
    status, h, body = get(server + "/no/such/page/")
    assert status == 404 and '<html lang="zh"' in body.decode()
    assert "Content-Security-Policy" in h
    status, _, body = get(server + "/en/no/such/page/")
    assert status == 404 and '<html lang="en"' in body.decode()


def test_csp_allows_exactly_the_inline_scripts_of_the_site(site):
    """Material's inline scripts are allowed by hash; a new or changed one would be blocked in browsers."""
    conf = (ROOT / "server" / "nginx.conf").read_text("utf-8")
    allowed = set(re.findall(r"'(sha256-[A-Za-z0-9+/=]+)'", conf))
    needed = set()
    for f in site.rglob("*.html"):
        for attrs, body in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", f.read_text("utf-8"), re.S):
            if "application/json" in attrs:
                continue  # data, not executed
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            needed.add(f"sha256-{digest}")
    missing, unused = needed - allowed, allowed - needed
    assert not missing and not unused, (
        f"update script-src in server/nginx.conf: add {' '.join(sorted(missing))}; "
        f"remove {' '.join(sorted(unused))}")
