"""Pages of a PDF as images for the print preview, rendered by pdfium.

PySide6-Essentials ships without QtPdf (it is in PySide6-Addons, some 200 MB
installed); pypdfium2 renders the same pages and adds about 3 MB to the
PyInstaller build.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PySide6.QtGui import QImage


class PdfPages:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._doc: pdfium.PdfDocument | None = pdfium.PdfDocument(str(path))

    def count(self) -> int:
        assert self._doc is not None
        return len(self._doc)

    def size_points(self, index: int) -> tuple[float, float]:
        assert self._doc is not None
        width, height = self._doc[index].get_size()
        return width, height

    def image(self, index: int, dpi: float) -> QImage:
        assert self._doc is not None
        bitmap = self._doc[index].render(scale=dpi / 72,
                                         force_bitmap_format=pdfium_raw.FPDFBitmap_BGRA)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_ARGB32)
        return image.copy()

    def close(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None
