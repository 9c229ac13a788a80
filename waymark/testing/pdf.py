"""Looking inside PDFs in tests, with the standard library only."""

from __future__ import annotations

import re
import zlib

STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
BASE_FONT = re.compile(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9\-]+)")


def _objects(data: bytes) -> list[bytes]:
    """The PDF's plain objects, and the inside of each Flate-compressed stream (where
    WeasyPrint puts most objects)."""
    chunks = [STREAM.sub(b"", data)]
    for match in STREAM.finditer(data):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return chunks


def pdf_page_count(data: bytes) -> int:
    """The number of page objects (``/Type /Page``) in a PDF."""
    return sum(len(PAGE_OBJECT.findall(chunk)) for chunk in _objects(data))


def pdf_font_names(data: bytes) -> set[str]:
    """The embedded fonts' names, without the subset prefix: ``{"Arimo", "Arimo-Bold"}``.
    WeasyPrint names a font after its family (the ``@font-face`` one, when it has one)."""
    return {name.decode() for chunk in _objects(data) for name in BASE_FONT.findall(chunk)}


def document_text(document: object) -> str:
    """The text WeasyPrint laid out on every page of a rendered document, with runs of
    white space as one space: what a reader of the PDF sees, before fonts turn it into
    glyph ids."""
    from weasyprint.formatting_structure import boxes

    text = " ".join(
        box.text
        for page in document.pages  # type: ignore[attr-defined]
        for box in page._page_box.descendants()
        if isinstance(box, boxes.TextBox)
    )
    return re.sub(r"\s+", " ", text)
