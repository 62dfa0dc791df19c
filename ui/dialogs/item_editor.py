"""The item editor: required fields checked as the clerk types, aliases accepted."""

from __future__ import annotations

import dataclasses
import re

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.items import ItemStatus, PowerItem
from app.storage.repository import Repository
from ui.dialogs.base import BaseDialog
from ui.settings import Settings
from ui.widgets.measures_editor import MeasuresEditor

AUTOMATIC = "（按系统自动对应）"


def department_combo(repo: Repository, *first: str) -> QComboBox:
    """An editable combo over every name and alias, completing on any part; `first` goes on top."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(QStringListModel(combo), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    fill_departments(combo, repo, *first)
    return combo


def fill_departments(combo: QComboBox, repo: Repository, *first: str) -> None:
    """List the registry's names and aliases again, keeping what is typed in the box."""
    names: list[str] = []
    for dept in repo.departments.all():
        names += [n for n in dept.all_names() if n not in names]
    typed = combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    combo.addItems([*first, *names])
    combo.setCurrentText(typed)
    combo.blockSignals(False)
    model = combo.completer().model()
    assert isinstance(model, QStringListModel)
    model.setStringList(names)


class ItemEditor(BaseDialog):
    name = "item_editor"

    def __init__(self, repo: Repository, settings: Settings, item: PowerItem,
                 parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.repo = repo
        self.original = item
        self.setWindowTitle("新增事项" if item.id is None else f"修改事项：{item.name}")
        self.resize(760, 720)

        self.name_edit = QLineEdit(item.name)
        self.type_combo = QComboBox()
        self.type_combo.addItems(repo.lists.item_types())
        if item.type and self.type_combo.findText(item.type) < 0:
            self.type_combo.addItem(item.type)
        self.type_combo.setCurrentText(item.type)
        self.department_combo = department_combo(repo)
        self.department_combo.setCurrentText(item.department)
        self.department_hint = QLabel()
        self.department_hint.setStyleSheet("color:#666")
        self.department_hint.setWordWrap(True)
        self.lead_combo = QComboBox()
        self.lead_combo.addItems([AUTOMATIC, *repo.counterparts.county_departments()])
        self.lead_combo.setCurrentText(item.lead if item.lead_by_hand else AUTOMATIC)
        self.lead_combo.setToolTip("通常按“部门 → 系统对口部门”自动对应；个别事项可在这里指定")
        self.partners_edit = QLineEdit("、".join(item.partners) if item.lead_by_hand else "")
        self.partners_edit.setPlaceholderText("多个部门用“、”分隔，如：县公安局、县金融服务中心")
        self.levels_edit = QLineEdit(item.levels)
        self.code_edit = QLineEdit(item.code)
        self.status_combo = QComboBox()
        self.status_combo.addItems([str(s) for s in ItemStatus])
        self.status_combo.setCurrentText(str(item.status))
        self.basis_edit = QPlainTextEdit(item.basis)
        self.basis_edit.setMaximumHeight(90)
        self.measures = MeasuresEditor(repo.lists.templates())
        self.measures.set_text(item.measures)
        self.remarks_edit = QLineEdit(item.remarks)
        self.problems = QLabel()
        self.problems.setStyleSheet("color:#b00020")
        self.problems.setWordWrap(True)

        form = QFormLayout()
        form.addRow("事项名称 *", self.name_edit)
        form.addRow("事项类型 *", self.type_combo)
        form.addRow("实施部门 *", self.department_combo)
        form.addRow("", self.department_hint)
        form.addRow("本县牵头部门", self.lead_combo)
        form.addRow("本县配合部门", self.partners_edit)
        form.addRow("行使层级", self.levels_edit)
        form.addRow("事项编码", self.code_edit)
        form.addRow("状态", self.status_combo)
        form.addRow("设定依据", self.basis_edit)
        form.addRow("监管措施", self.measures)
        form.addRow("备注", self.remarks_edit)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        for signal in (self.name_edit.textChanged, self.type_combo.currentTextChanged,
                       self.department_combo.currentTextChanged, self.levels_edit.textChanged,
                       self.code_edit.textChanged, self.status_combo.currentTextChanged,
                       self.basis_edit.textChanged, self.measures.changed,
                       self.remarks_edit.textChanged, self.lead_combo.currentTextChanged,
                       self.partners_edit.textChanged):
            signal.connect(self._changed)
        self._check()
        self.restore_state()

    def item(self) -> PowerItem:
        by_hand = self.lead_combo.currentIndex() > 0
        partners = ([p for p in re.split(r"[、,，;；\s]+", self.partners_edit.text()) if p]
                    if by_hand else self.original.partners)
        return dataclasses.replace(
            self.original, name=self.name_edit.text().strip(),
            type=self.type_combo.currentText(),
            department=self.department_combo.currentText().strip(),
            levels=self.levels_edit.text().strip(), code=self.code_edit.text().strip(),
            status=ItemStatus(self.status_combo.currentText()),
            basis=self.basis_edit.toPlainText().strip(), measures=self.measures.text(),
            remarks=self.remarks_edit.text().strip(), lead_by_hand=by_hand,
            lead=self.lead_combo.currentText() if by_hand else self.original.lead,
            partners=partners)

    def _changed(self) -> None:
        self.dirty = self.item() != self.original
        self._check()

    def _check(self) -> list[str]:
        item = self.item()
        problems = self.repo.validate_item(item)
        self.problems.setText("\n".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)
        written = item.department
        dept = self.repo.departments.registry().resolve(written) if written else None
        if dept is None:
            self.department_hint.setText(
                "部门名录中没有这个名称，保存时将作为新部门登记。" if written else "")
        elif dept.name != written:
            self.department_hint.setText(f"“{written}”是“{dept.name}”的别名，将记在该部门下。")
        else:
            self.department_hint.setText("")
        self.partners_edit.setEnabled(self.lead_combo.currentIndex() > 0)
        if written and self.lead_combo.currentIndex() == 0:
            found = self.repo.counterparts.counterparts().responsible(written, item.measures)
            auto = (f"本县由{found.lead}牵头" + (f"，{'、'.join(found.partners)}配合"
                                               if found.partners else "")
                    if found.lead else "还没有对应的本县部门（将列入“部门”页的待指定列表）")
            hint = self.department_hint.text()
            self.department_hint.setText((hint + "\n" if hint else "") + f"自动对应：{auto}。")
        return problems

    def accept(self) -> None:
        if self._check():
            return
        self.dirty = False
        super().accept()
