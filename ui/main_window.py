"""The main window: navigation between the screens, menus, toolbar and status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
)

from app import __version__, paths
from app.domain.items import PowerItem
from app.storage import backup
from app.storage.changes import Changes
from app.storage.repository import Repository
from ui import file_actions
from ui.errors import show_error
from ui.pages.catalogue import CataloguePage
from ui.pages.changes import ChangesPage
from ui.pages.departments import DepartmentsPage
from ui.pages.documents import DocumentsPage
from ui.pages.laws import LawsPage
from ui.pages.matching import MatchingPage
from ui.pages.page import Page
from ui.pages.responsibility import ResponsibilityPage
from ui.pages.tasks import TasksPage
from ui.pages.templates import TemplatesPage
from ui.settings import LAST_DATABASE, Settings
from ui.undo import DeleteItemCommand, SaveItemCommand
from ui.worker import JobProgress, JobRunner


class MainWindow(QMainWindow):
    def __init__(self, repo: Repository, settings: Settings) -> None:
        super().__init__()
        self.repo = repo
        self.settings = settings
        self.undo_group = QUndoGroup(self)
        self.jobs = JobRunner(self)
        self.jobs.cancelled.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.open_other: Callable[[Path], None] | None = None
        self.setWindowTitle(f"权责清单管理 — {repo.path.name}")

        self.catalogue = CataloguePage(repo, settings)
        self.documents = DocumentsPage(repo, settings)
        self.departments = DepartmentsPage(repo)
        self.responsibility = ResponsibilityPage(repo)
        self.tasks = TasksPage(repo)
        self.templates = TemplatesPage(repo)
        self.matching = MatchingPage(repo, self.jobs)
        self.changes = ChangesPage(repo, settings, self.jobs)
        self.laws = LawsPage(repo, settings)
        self.pages: list[Page] = [self.catalogue, self.documents, self.departments,
                                  self.responsibility, self.tasks, self.templates,
                                  self.matching, self.changes, self.laws]
        self.stack = QStackedWidget()
        for page in self.pages:
            self.stack.addWidget(page)
        self.nav = QListWidget()
        self.nav.addItems([page.page_title for page in self.pages])
        self.nav.setMaximumWidth(160)
        self.nav.setStyleSheet("QListWidget{font-size:15px} QListWidget::item{padding:8px 6px}")
        self.nav.setCurrentRow(0)
        self.nav.currentRowChanged.connect(self._page_chosen)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([130, 1200])
        self.setCentralWidget(self.splitter)

        self.catalogue.save_item.connect(self.save_item)
        self.catalogue.delete_item.connect(self.delete_item)
        self.catalogue.open_document.connect(self.open_document)
        self.documents.show_items.connect(self.show_document_items)
        self.documents.print_requested.connect(
            lambda doc: file_actions.print_preview(self, doc))
        self.documents.export_requested.connect(
            lambda doc: file_actions.export_document(self, doc))
        self.documents.word_requested.connect(lambda doc: file_actions.export_word(self, doc))
        for page in (self.documents, self.departments, self.responsibility, self.tasks,
                     self.templates, self.laws):
            page.changed.connect(lambda changes, page=page: self.data_changed(changes, page))
        self.matching.document_created.connect(self.draft_created)
        self.changes.open_item.connect(self.show_item)
        self.laws.open_item.connect(self.show_item)

        self.status_path = QLabel()
        self.status_counts = QLabel()
        self.statusBar().addWidget(self.status_path, 1)
        self.statusBar().addPermanentWidget(self.status_counts)
        self._build_actions()
        self.update_status()
        self.resize(1400, 860)
        settings.restore_geometry("main", self)
        settings.restore_splitter("main", self.splitter)

    # Actions and menus ------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str = "",
                tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _=False: slot())
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        a = self._action
        self.new_action = a("新建", self.new_record, keys.New, "在当前页面新建（事项、文件、部门……）")
        self.save_action = a("保存", self.save_page, keys.Save, "保存当前页面的修改")
        self.delete_action = a("删除", self.delete_record, keys.Delete, "删除所选事项（会先确认）")
        self.edit_action = a("修改事项", self.catalogue_edit, "", "修改所选事项（或双击该行）")
        self.find_action = a("查找", self.focus_search, keys.Find, "在事项库中查找")
        self.undo_action = a("撤销", self.undo_group.undo, keys.Undo)
        self.redo_action = a("重做", self.undo_group.redo)
        redo_keys = [QKeySequence("Ctrl+Y"), *QKeySequence.keyBindings(keys.Redo)]
        # A key listed twice on one action counts as ambiguous and would do nothing.
        self.redo_action.setShortcuts(list(dict.fromkeys(redo_keys)))
        self._connect_undo_group()
        self.import_action = a("导入 Excel…", lambda: file_actions.import_workbook(self),
                               "", "从 Excel/WPS 工作簿导入附件表格或事项")
        self.notice_import_action = a("从 Word/PDF 导入文件…", lambda: file_actions.import_notice(self),
                                      "", "读入一份通知的全部内容（红头、正文、附件表格），核对后新建文件")
        self.export_action = a("导出事项库到 Excel…", lambda: file_actions.export_items(self),
                               "", "把当前筛选出的事项导出为 Excel 工作簿")
        self.print_action = a("打印预览…", self.print_current, keys.Print, "预览并打印当前文件")
        self.dept_export_action = a("导出给部门核对…", lambda: file_actions.department_export(self))
        self.dept_import_action = a("导入部门反馈…", lambda: file_actions.department_import(self))
        self.report_status_action = a("反馈表报送情况…", lambda: file_actions.report_status(self),
                                      "", "各部门反馈表的报送情况和催报名单")
        self.publish_action = a("生成权责清单（公布）…", self.publish_list, "",
                                "全县或一个部门的权责清单，Excel 或带封面和目录的 PDF")
        self.backup_action = a("备份数据库", self.backup, "", "把数据库复制一份到备份文件夹")
        self.open_action = a("打开数据库…", self.choose_database, keys.Open)
        quit_action = a("退出", self.close, keys.Quit)

        menu = self.menuBar().addMenu("文件(&F)")
        for action in (self.open_action, self.new_action, self.save_action, None,
                       self.import_action, self.notice_import_action, self.export_action,
                       self.dept_export_action,
                       self.dept_import_action, self.report_status_action, None,
                       self.print_action, self.publish_action, None,
                       self.backup_action, None, quit_action):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu = self.menuBar().addMenu("编辑(&E)")
        for action in (self.undo_action, self.redo_action, None, self.edit_action,
                       self.delete_action, None, self.find_action):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu = self.menuBar().addMenu("查看(&V)")
        for n, page in enumerate(self.pages):
            menu.addAction(a(page.page_title, lambda n=n: self.nav.setCurrentRow(n),
                             f"Ctrl+{n + 1}"))
        menu = self.menuBar().addMenu("工具(&T)")
        menu.addAction(a("检查数据库", self.check_database))
        self.font_action = a("字体设置…", lambda: file_actions.font_settings(self), "",
                             "查看和指定打印公文所用的字体")
        menu.addAction(self.font_action)
        menu.addAction(a("事项编码规则…", self.edit_code_rules, "",
                         "各类型事项编码的规则；为没有编码的事项生成编码"))
        menu.addAction(a("打开备份文件夹", lambda: _open_folder(paths.backups_dir())))
        menu.addAction(a("打开日志文件夹", lambda: _open_folder(paths.log_dir())))
        menu = self.menuBar().addMenu("帮助(&H)")
        menu.addAction(a("使用说明", self.show_help, keys.HelpContents))
        menu.addAction(a("关于", self.show_about))

        toolbar = QToolBar("常用")
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setIconSize(QSize(16, 16))
        toolbar.setMovable(False)
        for action in (self.new_action, self.edit_action, self.delete_action, self.save_action,
                       None, self.undo_action, self.redo_action, None, self.find_action,
                       None, self.import_action, self.export_action, self.print_action):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        self.addToolBar(toolbar)
        self._page_chosen(0)

    def _connect_undo_group(self) -> None:
        """撤销/重做 act on the current page's history; the buttons keep their short names
        and say in the tooltip what they would undo."""
        for page in self.pages:
            if page.undo_stack is not None:
                self.undo_group.addStack(page.undo_stack)
        for action, verb, can, text in (
                (self.undo_action, "撤销", self.undo_group.canUndoChanged,
                 self.undo_group.undoTextChanged),
                (self.redo_action, "重做", self.undo_group.canRedoChanged,
                 self.undo_group.redoTextChanged)):
            action.setEnabled(False)
            can.connect(action.setEnabled)
            text.connect(lambda what, action=action, verb=verb: _describe(action, verb, what))

    # Navigation -------------------------------------------------------------
    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def leave_page(self, page: Page) -> bool:
        """Ask before leaving unsaved edits: save, discard or stay."""
        if not page.dirty:
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, "尚未保存", f"“{page.page_title}”中的修改还没有保存。要保存吗？",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        if answer == buttons.Save:
            return page.save()
        if answer == buttons.Discard:
            page.discard()
            return True
        return False

    def _page_chosen(self, row: int) -> None:
        if self.stack.count() and self.stack.currentIndex() != row and not self.leave_page(
                self.current_page()):
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.stack.currentIndex())
            self.nav.blockSignals(False)
            return
        self.stack.setCurrentIndex(row)
        page = self.pages[row]
        self.undo_group.setActiveStack(page.undo_stack)
        on_catalogue = page is self.catalogue
        self.edit_action.setEnabled(on_catalogue)
        self.delete_action.setEnabled(on_catalogue)
        self.save_action.setEnabled(page.can_save)
        self.new_action.setEnabled(page.can_create)

    def show_page(self, page: Page) -> None:
        self.nav.setCurrentRow(self.pages.index(page))

    # Commands ---------------------------------------------------------------
    def new_record(self) -> None:
        self.current_page().new_record()

    def save_page(self) -> None:
        self.current_page().save()

    def delete_record(self) -> None:
        if self.current_page() is self.catalogue:
            self.catalogue.delete_current()

    def catalogue_edit(self) -> None:
        if self.current_page() is self.catalogue:
            self.catalogue.edit_current()

    def focus_search(self) -> None:
        self.show_page(self.catalogue)
        self.catalogue.focus_search()

    def print_current(self) -> None:
        if self.current_page() is self.documents:
            self.documents.print_current()
            return
        file_actions.print_page_list(self)

    def save_item(self, old: PowerItem | None, new: PowerItem) -> None:
        try:
            self.catalogue.undo_stack.push(SaveItemCommand(self.repo, old, new, self.item_changed))
        except Exception as exc:
            show_error(self, exc)

    def delete_item(self, item: PowerItem) -> None:
        try:
            self.catalogue.undo_stack.push(DeleteItemCommand(self.repo, item, self.item_changed))
        except Exception as exc:
            show_error(self, exc)

    def item_changed(self, changes: Changes) -> None:
        """An item saved, deleted, or that undone: an item listed anew is shown selected."""
        self.data_changed(changes)
        if changes.item_set:
            for item_id in changes.items:
                self.catalogue.select_item(item_id)

    def data_changed(self, changes: Changes, origin: Page | None = None) -> None:
        """Every page but the one that made the change updates what the change touched."""
        for page in self.pages:
            if page is not origin:
                page.refresh(changes)
        self.update_status()

    def edit_code_rules(self) -> None:
        from ui.dialogs.code_rules import CodeRulesDialog

        dialog = CodeRulesDialog(self.repo, self)
        dialog.exec()
        self.data_changed(dialog.changes)

    def publish_list(self) -> None:
        from ui.dialogs.publish import PublishDialog

        PublishDialog(self.repo, self.settings, self.jobs, self).exec()

    def show_item(self, item_id: int) -> None:
        """One item in the catalogue, every filter cleared so it is surely listed."""
        self.show_page(self.catalogue)
        if self.current_page() is self.catalogue:
            self.catalogue.clear_filter()
            self.catalogue.select_item(item_id)

    def show_document_items(self, number: str) -> None:
        """The catalogue filtered to the items a document touched (after applying it)."""
        self.show_page(self.catalogue)
        if self.current_page() is self.catalogue:
            self.catalogue.show_document_items(number)

    def draft_created(self, document_id: int) -> None:
        """A notice drafted from an upper-level list: show it, say what went in."""
        self.data_changed(Changes(documents=True), self.matching)
        self.open_document(document_id)
        self.statusBar().showMessage(self.matching.last_draft, 15000)

    def open_document(self, document_id: int, annex: int = 0, seq: str = "") -> None:
        """A document from the detail pane: at the annex and row that touched the item."""
        self.show_page(self.documents)
        if self.current_page() is self.documents:
            self.documents.open_document(document_id)
            if annex and self.documents.editor.document.id == document_id:
                self.documents.editor.show_annex_row(annex - 1, seq)

    def update_status(self) -> None:
        self.status_path.setText(f"数据库：{self.repo.path}")
        self.status_counts.setText("　".join(f"{k} {v}" for k, v in self.repo.counts().items()))

    def backup(self) -> None:
        path = self.repo.path

        def work(progress: JobProgress) -> Path:
            progress.report(0, 1, "正在备份数据库…")
            return backup.make_backup(path)

        self.jobs.run("正在备份数据库…", work, lambda target: QMessageBox.information(
            self, "备份完成", f"已备份到：\n{target}"))

    def backup_in_background(self) -> None:
        """The backup taken each time a database is opened, without holding up the window."""
        path = self.repo.path
        self.statusBar().showMessage("正在备份数据库…")
        self.jobs.run("正在备份数据库…", lambda _progress: backup.backup_if_changed(path),
                      lambda target: self.statusBar().showMessage(f"已自动备份：{target.name}", 8000),
                      quiet=True)

    def check_database(self) -> None:
        problems = self.repo.check()
        if problems:
            QMessageBox.warning(self, "检查数据库", "发现问题：\n" + "\n".join(problems[:30]))
        else:
            QMessageBox.information(self, "检查数据库", "检查通过：数据库完整，引用关系正确。")

    def choose_database(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "打开数据库", str(self.repo.path.parent),
                                              "数据库文件 (*.sqlite *.db)")
        if name and self.open_other is not None:
            self.open_other(Path(name))

    def show_help(self) -> None:
        QMessageBox.information(self, "使用说明", HELP_TEXT)

    def show_about(self) -> None:
        QMessageBox.about(self, "关于", f"权责清单管理 {__version__}\n\n管理县级行政权力事项、事中事后监管措施、"
                                        "通知及附件表格，并按 GB/T 9704 打印。")

    # Closing ----------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.jobs.busy:
            QMessageBox.information(self, "请稍候", "还有任务正在进行，请等它完成后再关闭。")
            event.ignore()
            return
        for page in self.pages:
            if page.dirty:
                self.show_page(page)
                if not self.leave_page(page):
                    event.ignore()
                    return
        self.save_state()
        event.accept()

    def save_state(self) -> None:
        self.settings.save_geometry("main", self)
        self.settings.save_splitter("main", self.splitter)
        self.catalogue.save_state()
        self.settings.set(LAST_DATABASE, str(self.repo.path))
        self.settings.sync()


def _describe(action: QAction, verb: str, what: str) -> None:
    tip = f"{verb}：{what}" if what else f"没有可{verb}的操作"
    action.setToolTip(tip)
    action.setStatusTip(tip)


def _open_folder(folder: Path) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


HELP_TEXT = """\
查找事项：在“事项库”页面上方输入文字，或在“部门”框中选择/输入部门（可输入简称，如“县级公安部门”），表格即时筛选；点一行，右侧显示全部内容和涉及的文件。

查看和修改事项：按回车查看所选事项，在查看窗口中按 F2 修改；或双击表格中的一行直接修改，改完点“保存”。F6 在筛选栏、表格和右侧详情之间切换，详情中按 Tab 选中文件链接、回车打开。改错了可按 Ctrl+Z 撤销。“事项库”“文件”“部门”页面各有自己的撤销记录，Ctrl+Z 撤销的是当前页面的修改；文件和部门保存后从头记录。

新建通知：在“文件”页面选中去年的通知，点“复制为新文件”，改文号、日期和正文；在“附件”中添加附件，从 Excel 复制表格行后点“粘贴”。保存后点“打印预览”，核对页数与项数后打印。

附件表格中灰色的格子与上一行合并（同上），打印时只印一次；修改其中任一行，整块一起改。要让某一行单独填写，在格子上点右键，选“取消同上”。

打印字体：“工具 → 字体设置”列出公文要求的字体在本机用哪种字体打印，也可为每种字体指定字体文件。

快捷键：Ctrl+F 查找，Ctrl+N 新建，Ctrl+S 保存，Ctrl+Z 撤销，Ctrl+Y 重做，Ctrl+P 打印预览，Delete 删除所选事项。"""
