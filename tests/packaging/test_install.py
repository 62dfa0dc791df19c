"""A normal, non-editable `pip install .`: the demo data and the bundled font come along.

Built as a wheel and installed into a throwaway venv; the commands then run from
a folder far from the source tree, so nothing can be found by accident there.
About 20 s (the wheel holds the 20 MB font); QUANZE_BUILD_TEST=0 skips it with the build test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.demo import DEMO_NOTICE

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("QUANZE_BUILD_TEST") == "0",
                       reason="QUANZE_BUILD_TEST=0: install test skipped"),
]

ROOT = Path(__file__).resolve().parents[2]


def clean_env(**extra: str) -> dict[str, str]:
    """No PYTHONPATH: only what was installed may be imported."""
    return {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, **extra}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The venv's bin folder; the dependencies come from this Python's site-packages."""
    root = tmp_path_factory.mktemp("install")
    wheels = root / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(ROOT)], check=True, capture_output=True, timeout=600, env=clean_env())
    env_dir = root / "venv"
    venv.create(env_dir, system_site_packages=True, with_pip=False)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    (wheel,) = wheels.glob("quanze-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install",
                    "-q", "--no-deps", "--ignore-installed", str(wheel)], check=True,
                   capture_output=True, timeout=600, env=clean_env())
    return bin_dir


def run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "quanze"), *args], cwd=cwd, capture_output=True,
                          env=clean_env(QUANZE_DATA_DIR=str(cwd / "userdata")),
                          text=True, encoding="utf-8", timeout=300)


def test_installed_program_has_its_demo_data_and_font(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run([str(installed / "python"), "-c", "import app; print(app.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True,
                           env=clean_env())
    assert str(installed.parent) in where.stdout
    db = tmp_path / "q.sqlite"
    init = run(installed, tmp_path, "init", "--demo", "--db", str(db))
    assert init.returncode == 0, init.stderr
    assert "数据库已就绪" in init.stdout
    out = tmp_path / "通知.pdf"
    pdf = run(installed, tmp_path, "pdf", "--document", DEMO_NOTICE, "--db", str(db),
              "--out", str(out))
    assert pdf.returncode == 0, pdf.stderr
    assert len(PdfReader(out).pages) > 1
    fonts = run(installed, tmp_path, "fonts")
    assert fonts.returncode == 0, fonts.stderr
    assert str(installed.parent) in fonts.stdout and "uming.ttc" in fonts.stdout
