"""事项编码规则: one pattern per item type, with an example, and codes for items that have none."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.codes.rules import CodeRule
from app.codes.service import assign_missing, set_rule
from app.storage.changes import Changes
from app.storage.repository import Repository
from ui.dialogs.base import ok_cancel_buttons
from ui.errors import show_error

HELP = ("{类型码} 为类型简码（行政许可 XK、行政处罚 CF……），{年} 为年份，{序号:4} 为 4 位序号，"
        "其余照写，如 370829-XK-{序号:4}。新增事项按其类型的规则自动编码，编码不能重复。")


class CodeRulesDialog(QDialog):
    def __init__(self, repo: Repository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repo = repo
        self.setWindowTitle("事项编码规则")
        self.changes = Changes()
        """The items given codes while the dialog was open, kept even if it is cancelled."""
        self.rules = repo.codes.rules(repo.lists.item_types())
        self.table = QTableWidget(len(self.rules), 3)
        self.table.setHorizontalHeaderLabels(["事项类型", "编码规则", "示例"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, rule in enumerate(self.rules):
            for column, text in enumerate((rule.type, rule.pattern, rule.format(1))):
                cell = QTableWidgetItem(text)
                if column != 1:
                    cell.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, cell)
        self.table.itemChanged.connect(self._example)
        self.assign_button = QPushButton("为没有编码的事项生成编码")
        self.assign_button.clicked.connect(self.assign)
        help_label = QLabel(HELP)
        help_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(help_label)
        layout.addWidget(self.table)
        layout.addWidget(self.assign_button)
        layout.addWidget(ok_cancel_buttons(self, "保存规则"))
        self.resize(640, 460)

    def _example(self, cell: QTableWidgetItem) -> None:
        if cell.column() != 1:
            return
        rule = CodeRule(self.rules[cell.row()].type, cell.text().strip())
        example = self.table.item(cell.row(), 2)
        if example is not None:
            example.setText(rule.check() or rule.format(1))

    def edited(self) -> list[CodeRule]:
        return [CodeRule(rule.type, self.table.item(n, 1).text().strip())
                for n, rule in enumerate(self.rules)
                if self.table.item(n, 1).text().strip() != rule.pattern]

    def save(self) -> bool:
        """Every changed rule, or none if one is wrong (the message names it)."""
        changed = self.edited()
        for rule in changed:
            problem = rule.check()
            if problem:
                QMessageBox.warning(self, "编码规则有误", f"“{rule.type}”：{problem}")
                return False
        try:
            for rule in changed:
                set_rule(self.repo, rule.type, rule.pattern)
        except Exception as exc:
            show_error(self, exc)
            return False
        self.rules = self.repo.codes.rules(self.repo.lists.item_types())
        return True

    def assign(self) -> None:
        if not self.save():
            return
        given = assign_missing(self.repo)
        self.changes |= Changes(items=frozenset(item_id for item_id, _code in given))
        QMessageBox.information(self, "已生成编码", f"共为 {len(given)} 个事项生成了编码。")

    def accept(self) -> None:
        if self.save():
            super().accept()
