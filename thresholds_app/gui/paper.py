"""Print: the saved PDF's own pages go to the printer, so paper, the PDF and the record always agree.

Before, Print drew the record a second way (a Qt text document) and the paper lacked what the PDF carried.
Now the PDF is made exactly as "Save PDF" makes it; "Print to file" writes that PDF itself (with the record
inside, so the paper copy's file can be reopened), and a real printer gets its pages drawn by PDFium.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPagedPaintDevice, QPainter
from PySide6.QtWidgets import QWidget

from ..core.problems import InputError
from . import dialogs
from .saving import save_bytes

#: The title printer queues show: never a child's name.
JOB_NAME = "Thresholds record"


def print_pdf(parent: QWidget, pdf: bytes) -> bool:
    """Ask for a printer and print ``pdf``'s pages on it. False if cancelled or nothing was printed."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(JOB_NAME)
    printer.setFullPage(True)  # the PDF's pages carry their own margins
    if not dialogs.ask_print(parent, printer):
        return False
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return save_bytes(parent, Path(printer.outputFileName()), pdf)  # atomic, the owner's only
    try:
        return paint_pages(printer, pdf) > 0
    except InputError as exc:
        dialogs.show_problems(parent, "Not printed", exc.problems)
        return False


def paint_pages(device: QPagedPaintDevice, pdf: bytes, dpi: int | None = None) -> int:
    """Draw each page of ``pdf`` on a page of ``device`` at its true size (shrunk only if the paper is
    smaller); returns the number of pages drawn."""
    from ..records.pdf_raster import PRINT_DPI, page_images

    resolution = device.logicalDpiX() or 300
    dpi = dpi or min(PRINT_DPI, resolution)
    painter = QPainter()
    if not painter.begin(device):
        return 0
    drawn = 0
    try:
        paper = QRectF(painter.viewport())
        for page in page_images(pdf, dpi):
            if drawn:
                device.newPage()
            image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB32)
            width = page.width_pt / 72 * resolution
            height = page.height_pt / 72 * resolution
            shrink = min(1.0, paper.width() / width, paper.height() / height)
            painter.drawImage(QRectF(paper.left(), paper.top(), width * shrink, height * shrink), image)
            drawn += 1
    finally:
        painter.end()
    return drawn
