"""The Word side of the exports, on python-docx: real heading styles, list styles and a
table, so a secretary can restyle and paste the document without fixing its structure.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx
from docx.document import Document

from service.export.tables import ActionRow


def new_document(title: str) -> Document:
    doc = docx.Document()
    doc.core_properties.title = title
    doc.add_heading(title, level=0)
    return doc


def bullets(doc: Document, lines: Sequence[str]) -> None:
    for line in lines:
        doc.add_paragraph(line, style="List Bullet")


def action_table(doc: Document, rows: Sequence[ActionRow], header: Sequence[str]) -> None:
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, (row.who, row.what, row.due, row.item),
                              strict=True):
            cell.text = text


def to_bytes(doc: Document) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
