"""`python -m ui.screenshots OUTDIR [--db PATH]`: one PNG per main screen, on the demo data.

The real window, offscreen, so what the PNGs show is what a clerk sees.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from app.demo import load_demo
from app.storage.repository import Repository

PASTED = ("序号\t原实施部门\t事项名称及权限\t事项类型\t取消依据\t加强事中事后监管措施\t备注\n"
          "1\t县公安局\t公章刻制业审批\t行政许可\t《国务院关于深化“证照分离”改革的决定》\t"
          "\"取消审批后，县公安局要通过以下措施加强监管：\n1.实行告知性备案。\n"
          "2.开展“双随机、一公开”监管。\"\t\n"
          "2\t县交通运输局\t道路货运站（场）经营许可\t行政许可\t国发〔2021〕7号\t"
          "\"1.加强信用监管。\n2.依法查处违法违规行为。\"\t\n")


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def _save(widget: QWidget, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    return path


def take(folder: Path, db_path: Path) -> list[Path]:
    from ui import actions_backend
    from ui.app import application, open_window, prepare
    from ui.settings import Settings

    app = application()
    prepare(app)
    window = open_window(db_path, Settings())
    window.resize(1440, 900)
    window.show()
    _settle(app)
    shots = []

    catalogue = window.catalogue
    catalogue.department.setCurrentText("公安")
    catalogue.apply_filter()
    catalogue.table.selectRow(0)
    _settle(app)
    shots.append(_save(window, folder, "1-事项库"))

    window.show_page(window.documents)
    _settle(app)
    shots.append(_save(window, folder, "2-文件要素"))
    window.documents.editor.tabs.setCurrentIndex(1)
    _settle(app)
    shots.append(_save(window, folder, "3-正文"))
    editor = window.documents.editor
    editor.tabs.setCurrentIndex(2)
    editor.annexes.list.setCurrentRow(0)
    _settle(app)
    shots.append(_save(window, folder, "4-附件"))

    window.documents.new_document()
    editor.tabs.setCurrentIndex(2)
    editor.annexes.add_annex()
    editor.annexes.paste_text(PASTED)
    _settle(app)
    shots.append(_save(window, folder, "5-新文件粘贴附件"))
    editor.dirty = False
    window.documents.reload()

    for page, name in ((window.departments, "6-部门"), (window.responsibility, "7-责任清单"),
                       (window.tasks, "8-任务分工"), (window.templates, "9-监管措施模板")):
        window.show_page(page)
        _settle(app)
        shots.append(_save(window, folder, name))

    for name, dialog in actions_backend.screenshot_dialogs(window, folder):
        dialog.resize(1200, 800)
        dialog.show()
        _settle(app)
        shots.append(_save(dialog, folder, name))
        dialog.close()
    window.close()
    window.repo.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="保存各主要界面的截图。")
    parser.add_argument("outdir", help="截图保存到的文件夹")
    parser.add_argument("--db", help="数据库文件（默认在临时文件夹中新建示例数据库）")
    args = parser.parse_args(argv)
    folder = Path(args.outdir)
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="quanze-shots-"))
    os.environ.setdefault("QUANZE_DATA_DIR", str(work / "userdata"))
    if args.db:
        db_path = Path(args.db)
    else:
        db_path = work / "demo.sqlite"
        with Repository.open(db_path) as repo:
            load_demo(repo)
    for path in take(folder, db_path):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
