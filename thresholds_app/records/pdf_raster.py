"""The pages of a PDF this app made, as images for a printer, so paper shows exactly what the saved PDF shows.

Qt cannot draw a PDF's pages without its QtPdf module, which PySide6-Essentials does not carry (it comes
with PySide6-Addons, some 200 MB more). pypdfium2 binds PDFium, Chrome's PDF engine: well kept, with
wheels for Windows, macOS and Linux. Imported only when something is printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..core.problems import InputError, Location, Problem

#: Enough for print on any office printer; a page of A4 at 300 dpi is 35 MB in memory, one page at a time.
PRINT_DPI = 300


@dataclass(frozen=True)
class PageImage:
    """One page: 32-bit pixels (blue, green, red, unused: Qt's Format_RGB32 on every platform Qt runs on)."""

    pixels: bytes
    width: int
    height: int
    stride: int
    #: The page's own size in points (1/72 inch), to place it on the paper at its true size.
    width_pt: float
    height_pt: float


def page_images(pdf: bytes, dpi: int = PRINT_DPI, name: str = "the PDF") -> Iterator[PageImage]:
    """Each page in turn, rendered at ``dpi``. The PDF is one this app has just made, but a failure is still
    a located error, never a traceback."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError as exc:
        raise InputError([Problem(f"the PDF cannot be drawn for printing ({exc})", Location(name))]) from None
    try:
        for index in range(len(document)):
            page = document[index]
            width_pt, height_pt = page.get_size()
            bitmap = page.render(scale=dpi / 72, prefer_bgrx=True, may_draw_forms=False)
            yield PageImage(bytes(bitmap.buffer), int(bitmap.width), int(bitmap.height), int(bitmap.stride),
                            float(width_pt), float(height_pt))
            bitmap.close()
            page.close()
    finally:
        document.close()
