"""Pages of a PDF as images for the preview: QtPdf when the Qt build has it, else pdfium.

PySide6-Essentials ships without QtPdf (it is in PySide6-Addons); pypdfium2
renders the same pages and is small enough to bundle with PyInstaller.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from app.storage.errors import UserError

try:
    from PySide6.QtPdf import QPdfDocument
except ImportError:  # PySide6-Essentials
    QPdfDocument = None


class PdfPages:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._qt = None
        self._pdfium = None
        if QPdfDocument is not None:
            self._qt = QPdfDocument()
            self._qt.load(str(path))
            return
        try:
            import pypdfium2 as pdfium
        except ImportError as exc:
            raise UserError("无法显示打印预览：缺少 PDF 显示组件。可用“另存为 PDF”后用其他程序打开。") \
                from exc
        self._pdfium = pdfium.PdfDocument(str(path))

    def count(self) -> int:
        if self._qt is not None:
            return self._qt.pageCount()
        assert self._pdfium is not None
        return len(self._pdfium)

    def size_points(self, index: int) -> tuple[float, float]:
        if self._qt is not None:
            size = self._qt.pagePointSize(index)
            return size.width(), size.height()
        assert self._pdfium is not None
        width, height = self._pdfium[index].get_size()
        return width, height

    def image(self, index: int, dpi: float) -> QImage:
        width, height = self.size_points(index)
        scale = dpi / 72
        if self._qt is not None:
            return self._qt.render(index, QSize(round(width * scale), round(height * scale)))
        import pypdfium2.raw as raw

        assert self._pdfium is not None
        bitmap = self._pdfium[index].render(scale=scale, force_bitmap_format=raw.FPDFBitmap_BGRA)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_ARGB32)
        return image.copy()

    def close(self) -> None:
        if self._pdfium is not None:
            self._pdfium.close()
            self._pdfium = None
