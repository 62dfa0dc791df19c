"""`python -m ui.screenshots` is how the team looks at the window: it must run to the end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.gui


def test_every_screen_is_saved_to_the_last(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "QUANZE_DATA_DIR": str(tmp_path / "userdata")}
    done = subprocess.run([sys.executable, "-m", "ui.screenshots", str(tmp_path / "shots")],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    saved = [Path(line) for line in done.stdout.splitlines()]
    assert len(saved) >= 20
    assert {"1-事项库", "13-核对部门反馈", "清单变化-两个时点比较", "法规库-依据需核对按部门"} <= {
        path.stem for path in saved}
    for path in saved:
        image = QImage(str(path))
        assert image.width() >= 400 and image.height() >= 200, path.name
