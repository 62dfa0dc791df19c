"""The command line imports only what the chosen command needs."""

import argparse
import importlib
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from app.cli import COMMANDS, main

ROOT = Path(__file__).parents[3]
HEAVY = ("pandas", "numpy", "reportlab", "openpyxl", "docx", "app.selftest", "app.catalogue")
REPORT = f"""
import sys
from quanze.main import main
code = main(sys.argv[1:])
print(code, sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)
"""


def test_every_command_is_in_the_module_named_for_it():
    for name in set(COMMANDS.values()):
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"app.cli.{name}").register(sub)
        assert set(sub.choices) == {c for c, m in COMMANDS.items() if m == name}


def test_import_runs_without_the_other_commands_libraries(demo_db, tmp_path):
    wb = openpyxl.Workbook()
    for row in (["序号", "事项名称", "事项类型"], ["1", "许可事项", "行政许可"]):
        wb.active.append(row)
    wb.save(tmp_path / "in.xlsx")
    result = subprocess.run(
        [sys.executable, "-c", REPORT, "--db", str(demo_db), "import", str(tmp_path / "in.xlsx"),
         "--dry-run", "--json"], capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert '"name": "许可事项"' in result.stdout
    assert result.stderr.splitlines()[-1] == "0 []", result.stderr


def test_help_still_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(command in out for command in COMMANDS)


def test_the_import_command_loads_the_storage_layer_only_once_the_file_is_being_read():
    # sqlite-utils takes a tenth of the command; it loads while calamine reads the file.
    code = ("import sys, app.cli.table_import; print('sqlite_utils' in sys.modules); "
            "import app.storage.repository; print('sqlite_utils' in sys.modules, "
            "'pandas' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            check=True)
    assert result.stdout.split() == ["False", "True", "False"]
