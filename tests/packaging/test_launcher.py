"""The built program's entry point: failures of the console-less quanze.exe reach the clerk."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest


def test_user_error_is_handed_over_in_chinese(launcher: ModuleType, tmp_path: Path) -> None:
    shown: list[str] = []
    code = launcher.run_capturing(["check", "--db", str(tmp_path / "没有.sqlite")], shown.append)
    assert code == 1
    assert len(shown) == 1 and shown[0].startswith("错误：") and "没有.sqlite" in shown[0]


def test_wrong_option_is_handed_over(launcher: ModuleType) -> None:
    shown: list[str] = []
    assert launcher.run_capturing(["--没有这个选项"], shown.append) == 2
    assert "--没有这个选项" in shown[0]


def test_success_shows_nothing(launcher: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    shown: list[str] = []
    assert launcher.run_capturing(["--version"], shown.append) == 0
    assert shown == []
    assert capsys.readouterr().out == ""


def test_fcitx_is_served_through_ibus(launcher: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("QT_IM_MODULE", "fcitx")
    launcher.use_bundled_input_method()
    assert launcher.os.environ["QT_IM_MODULE"] == "ibus"
