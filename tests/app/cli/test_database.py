import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.storage import backup
from app.storage.repository import Repository

ROOT = Path(__file__).parents[3]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quanze", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)


def test_items_json_answers_from_a_demo_database(demo_db):
    result = run_cli("items", "--db", str(demo_db), "--json", "--search", "许可")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert len(items) == 16
    assert {"id", "name", "department", "type", "status"} <= set(items[0])
    with Repository.open(demo_db, readonly=True) as repo:
        found = [repo.items.get(i["id"]) for i in items]
    assert all("许可" in f"{x.name}{x.department}{x.basis}{x.measures}" for x in found)


def test_items_filters_by_department_type_and_document(demo_db, capsys):
    assert main(["items", "--db", str(demo_db), "--department", "县级公安部门", "--json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["name"] == "典当业特种行业许可证核发"
    assert main(["items", "--db", str(demo_db), "--type", "行政处罚",
                 "--document", "嘉政发〔2021〕2号"]) == 0
    assert capsys.readouterr().out.strip().endswith("共 14 项")


def test_init_demo_then_check(tmp_path, capsys):
    path = tmp_path / "new.sqlite"
    assert main(["init", "--db", str(path), "--demo"]) == 0
    assert "事项 36" in capsys.readouterr().out
    assert main(["init", "--db", str(path), "--demo"]) == 1
    assert "已有数据" in capsys.readouterr().err
    assert main(["check", "--db", str(path)]) == 0
    assert "检查通过" in capsys.readouterr().out


def test_backup_and_restore_commands(demo_db, capsys):
    assert main(["backup", "--db", str(demo_db)]) == 0
    (copy,) = backup.backups_for(demo_db)
    assert str(copy) in capsys.readouterr().out
    assert main(["restore", str(copy), "--db", str(demo_db)]) == 0
    assert "已从" in capsys.readouterr().out


def test_missing_database_is_a_message_not_a_traceback(tmp_path, capsys):
    assert main(["items", "--db", str(tmp_path / "none.sqlite")]) == 1
    err = capsys.readouterr().err
    assert "不存在" in err and "Traceback" not in err


def test_help_is_in_chinese():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "用法" in result.stdout and "显示本帮助并退出" in result.stdout


@pytest.mark.parametrize("args", [["items", "--bogus"], ["nonsense"]])
def test_bad_arguments_exit_non_zero_in_chinese(args):
    result = run_cli(*args)
    assert result.returncode == 2
    assert "错误" in result.stderr
