"""The Word side of the exports, on python-docx: real heading styles, list styles and a
table, so a secretary can restyle and paste the document without fixing its structure.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import docx
from docx.document import Document

from service.export.tables import ActionRow

# XML 1.0 cannot hold C0 controls other than tab, newline and CR, nor U+FFFE/U+FFFF or lone
# surrogates; lxml refuses them outright. A posted draft or an uploaded document may carry
# one, and the export must still succeed without that character rather than fail with a 500.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def new_document(title: str) -> Document:
    doc = docx.Document()
    doc.core_properties.title = xml_text(title)[:255]  # Word's limit for the title property
    heading(doc, title, level=0)
    return doc


def heading(doc: Document, text: str, *, level: int) -> None:
    doc.add_heading(xml_text(text), level=level)


def paragraph(doc: Document, text: str = "", *, italic: bool = False) -> None:
    doc.add_paragraph().add_run(xml_text(text)).italic = italic or None


def bullets(doc: Document, lines: Sequence[str]) -> None:
    for line in lines:
        doc.add_paragraph(xml_text(line), style="List Bullet")


def action_table(doc: Document, rows: Sequence[ActionRow], header: Sequence[str]) -> None:
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(xml_text(text)).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, (row.who, row.what, row.due, row.item),
                              strict=True):
            cell.text = xml_text(text)


def to_bytes(doc: Document) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
