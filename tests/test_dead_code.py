"""No dead code in app/, ui/ and quanze/: vulture finds nothing that pyproject.toml's
[tool.vulture] list does not explain (Qt overrides, stored fields, library settings)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_vulture_finds_no_unused_code() -> None:
    pytest.importorskip("vulture")
    found = subprocess.run([sys.executable, "-m", "vulture"], cwd=ROOT, capture_output=True,
                           text=True, encoding="utf-8")
    assert (found.returncode, found.stdout) == (0, ""), found.stdout + found.stderr
