#!/usr/bin/env python3
"""Build the site: the offline edition (zipped into dist/) first, then the online site that offers it.

  build.py             offline zip, then the strict online build into site/
  build.py --offline   only the offline edition: site-offline/ and dist/*.zip
Prints each build's time and the zip's size (benchmarks, not tests).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
NAME = "shinan-2022-work-report"
BUDGET = 2 * 1024 * 1024  # bytes: the offline zip must stay under 2 MB


def mkdocs_build(site_dir: Path, offline: bool) -> float:
    """One strict MkDocs build, in-process; returns seconds."""
    os.environ["OFFLINE"] = "true" if offline else "false"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    start = time.perf_counter()
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return time.perf_counter() - start


def edition_date() -> str:
    """The date of the last commit (so the same commit gives the same name), else today."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=ROOT, capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except OSError:
        pass
    return datetime.date.today().isoformat()


def pack(site_dir: Path) -> dict:
    """Zip the offline site into dist/ with a fixed top folder; write its SHA-256 and a manifest."""
    DIST.mkdir(exist_ok=True)
    for old in DIST.glob(f"{NAME}-offline-*"):
        old.unlink()
    date = edition_date()
    name = f"{NAME}-offline-{date}.zip"
    path = DIST / name
    stamp = tuple(int(x) for x in date.split("-")) + (0, 0, 0)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for file in sorted(site_dir.rglob("*")):
            if file.is_file():
                info = zipfile.ZipInfo(f"{NAME}/{file.relative_to(site_dir).as_posix()}", stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, file.read_bytes(), compresslevel=9)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    (DIST / f"{name}.sha256").write_text(f"{digest}  {name}\n")
    info = {"name": name, "bytes": path.stat().st_size, "sha256": digest, "date": date}
    (DIST / "offline.json").write_text(json.dumps(info, indent=1))
    return info


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offline", action="store_true", help="only build and pack the offline edition")
    args = parser.parse_args(argv)
    offline_dir = ROOT / "site-offline"
    shutil.rmtree(offline_dir, ignore_errors=True)
    took = mkdocs_build(offline_dir, offline=True)
    info = pack(offline_dir)
    print(f"offline edition built in {took:.1f} s: dist/{info['name']} "
          f"({info['bytes'] / 1024:.0f} KiB, budget {BUDGET / 1024:.0f} KiB), sha256 {info['sha256'][:16]}…")
    if info["bytes"] > BUDGET:
        print(f"error: dist/{info['name']} is {info['bytes']} bytes, over the 2 MB budget", file=sys.stderr)
        return 1
    if args.offline:
        return 0
    took = mkdocs_build(ROOT / "site", offline=False)
    print(f"online site built in {took:.1f} s: site/ (both languages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
