"""The machine-readable record carried inside its PDF, so the PDF alone can be reopened.

The printing layer attaches it when the PDF is made (``printing._embed``); pypdf reads it back, and is
imported only when a PDF is read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.problems import InputError, Location, Problem

EMBEDDED_NAME = "decision-record.json"
#: Every page's footer prints the start of the record hash ("Record hash: sha256:0aeb..."), so the pages can be
#: matched with the record carried inside; see ``check_pages_print``.
FOOTER_HASH = re.compile(r"Record(?: hash)?: (sha256:[0-9a-f]{16})")  # "Record:" in PDFs before 0.1.1
FOOTER_HASH_LENGTH = 23


@dataclass(frozen=True)
class PdfRecord:
    """The record a PDF carries, and the record hash each of its pages prints (None: none printed)."""

    record_json: bytes
    printed_hashes: tuple[str | None, ...]


def read_pdf_record(pdf: bytes, name: str) -> PdfRecord:
    """The record inside a PDF printed by thresholds-app, with what its pages print about it.

    A PDF from anywhere can be malformed in ways its library reports with its own exceptions (or a
    compressed stream that expands without end), so every failure here is one located error."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(pdf))
        found = reader.attachments.get(EMBEDDED_NAME)
        if found and len(found) == 1:
            printed = []
            for page in reader.pages:
                match = FOOTER_HASH.search(page.extract_text() or "")
                printed.append(match.group(1) if match else None)
    except Exception as exc:  # pypdf's own errors, zlib bombs, recursion: all "the PDF cannot be read"
        raise InputError([Problem(f"the PDF cannot be read ({type(exc).__name__})", Location(name),
                                  hint="the file may be damaged; open the record's .json file instead")]) from None
    if not found:
        raise InputError([Problem("this PDF does not carry a thresholds decision record", Location(name),
                                  hint="open a PDF printed by thresholds-app, or the record's .json file")])
    if len(found) > 1:
        raise InputError([Problem(f"this PDF carries {len(found)} attached records named {EMBEDDED_NAME}; a PDF "
                                  "printed by thresholds-app carries one, so this one has been altered",
                                  Location(name), hint="ask the sender for the original PDF or the record's .json "
                                  "file; do not rely on this one")])
    return PdfRecord(found[0], tuple(printed))


def check_pages_print(pdf_record: PdfRecord, record_hash: str, name: str, also: Iterable[str] = ()) -> None:
    """The pages must print the hash of the record attached to them. Attaching another record (even one
    with a correct hash of its own) to printed pages is caught here: the pages still print the old hash.
    ``also``: other hashes the pages may print (in a household's PDF, each child's record)."""
    expected = record_hash[:FOOTER_HASH_LENGTH]
    allowed = {expected, *(h[:FOOTER_HASH_LENGTH] for h in also)}
    for number, printed in enumerate(pdf_record.printed_hashes, start=1):
        if printed not in allowed:
            shown = f"page {number} prints record {printed}" if printed else f"page {number} prints no record hash"
            raise InputError([Problem(
                f"the record attached to this PDF is not the one its pages print: {shown}, but the attached "
                f"record is {expected}; the PDF has been altered since it was printed", Location(name),
                hint="ask the sender for the original PDF or the record's .json file; do not rely on this one")])
