"""The built wheel works on its own: catches lexicons or tables missing from package data.

Builds the wheel, installs it (with its dependencies, under constraints.txt) into a new
virtual environment, and runs the installed ``normalize`` from outside the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def _run(*cmd: str | Path, cwd: Path) -> str:
    env = {**os.environ, "PIP_CONSTRAINT": str(ROOT / "constraints.txt")}
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_wheel_installs_and_runs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ROOT, cwd=tmp_path)
    (wheel,) = dist.glob("*.whl")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    pip = venv / "bin" / "pip"
    _run(pip, "install", "-q", "-c", ROOT / "constraints.txt", wheel, cwd=tmp_path)
    out = _run(venv / "bin" / "normalize", "lookup", "--format", "jsonl", "Kadhimi", cwd=tmp_path)
    assert json.loads(out)["id"] == "person.mustafa-al-kadhimi"
    lint = _run(venv / "bin" / "normalize", "lexicon", "lint", cwd=tmp_path)  # ledger shipped
    assert lint.startswith("OK:")
    where = _run(
        venv / "bin" / "python", "-c", "import normalizer; print(normalizer.__file__)", cwd=tmp_path
    )
    assert str(venv) in where  # the installed copy, not the checkout
    top = {p.name for p in (venv / "lib").glob("python*/site-packages/*")}
    assert "cli" not in top
    assert "lexicons" not in top
