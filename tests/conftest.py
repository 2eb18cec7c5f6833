"""Shared fixtures: the real site, built once per session exactly as `make build` builds it."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from edition import model  # noqa: E402

LANGS = model.lang_codes()


@pytest.fixture(scope="session")
def built() -> dict[str, Path]:
    """site/ (online) and site-offline/ plus dist/, from one run of scripts/build.py."""
    import build

    assert build.main([]) == 0, "scripts/build.py failed"
    return {"site": ROOT / "site", "offline": ROOT / "site-offline", "dist": ROOT / "dist"}


@pytest.fixture(scope="session")
def site(built) -> Path:
    return built["site"]


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's content (docs, data, source, config) to break on purpose."""
    for name in ("docs", "data", "source"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def page_file(site: Path, path: str, lang: str) -> Path:
    """Built HTML file of a docs page (language-neutral path, e.g. report/review.md) in one language."""
    stem = path[:-3]
    if stem == "index":
        rel = "index.html"
    elif stem.endswith("/index"):
        rel = stem[: -len("index")] + "index.html"
    else:
        rel = stem + "/index.html"
    return site / model.site_prefix(lang) / rel


# ------------------------------------------------------------------ nginx

NGINX = "/usr/sbin/nginx"


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(site, tmp_path_factory):
    """nginx serving site/ on 127.0.0.1 with the repository's server/nginx.conf (listen and root replaced)."""
    import re
    import subprocess
    import time
    import urllib.request

    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `make setup` installs it (Debian package nginx-light)")
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    conf = (ROOT / "server" / "nginx.conf").read_text("utf-8")
    conf = re.sub(r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{port};", conf, flags=re.M)
    conf = conf.replace("root /var/www/shinan-2022-report;", f"root {site};")
    (work / "site.conf").write_text(conf, "utf-8")
    user = "user root;" if os.geteuid() == 0 else ""  # workers must read site/ wherever the clone lives
    (work / "nginx.conf").write_text(f"""
{user}
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {work}/body; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
    include {work}/site.conf;
}}
""", "utf-8")
    proc = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"nginx did not start: {proc.stdout.read()}")
            time.sleep(0.05)
    yield base
    proc.terminate()
    proc.wait(timeout=10)
