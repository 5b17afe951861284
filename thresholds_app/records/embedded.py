"""The machine-readable record carried inside its PDF, so the PDF alone can be reopened.

pypdf does the PDF surgery (reportlab has no public API for embedded files) and is imported only
when a PDF is written or read.
"""

from __future__ import annotations

import io

from ..core.problems import InputError, Location, Problem

EMBEDDED_NAME = "decision-record.json"


def attach_record(pdf: bytes, record_json: bytes) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.add_attachment(EMBEDDED_NAME, record_json)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def extract_record_json(pdf: bytes, name: str) -> bytes:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(pdf))
        attachments = reader.attachments
        found = attachments.get(EMBEDDED_NAME)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError([Problem(f"the PDF cannot be read ({type(exc).__name__})", Location(name),
                                  hint="the file may be damaged; open the record's .json file instead")]) from None
    if not found:
        raise InputError([Problem("this PDF does not carry a thresholds decision record", Location(name),
                                  hint="open a PDF printed by thresholds-app, or the record's .json file")])
    return found[0]
