"""read_document / read_bytes: every supported format, and every way a file can be bad."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

from index import readers
from index.errors import DocumentError, PayloadTooLarge
from index.readers import normalise_text, read_bytes, read_document


def _pdf_with_text(lines: list[str]) -> bytes:
    """A minimal valid one-page PDF with Helvetica text, xref offsets computed."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in lines)
    content += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def _blank_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _docx_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _error(data: bytes, filename: str, **kwargs) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        read_bytes(data, filename=filename, **kwargs)
    message = str(info.value)
    assert filename in message and "\n" not in message  # one line that names the file
    return info.value


# --- text and markdown -------------------------------------------------------------------


def test_txt_utf8_keeps_indentation_and_normalises_line_ends() -> None:
    data = "Møtedato:\t29.01.2026\r\n    • Punkt\u00a0én\r\nside 1\fside 2\r\n".encode()
    text = read_bytes(data, filename="referat.txt")
    assert text == "Møtedato:\t29.01.2026\n    • Punkt én\nside 1\nside 2\n"


def test_txt_strips_utf8_bom() -> None:
    assert read_bytes("\ufeffReferat".encode(), filename="a.txt") == "Referat"


def test_txt_falls_back_to_cp1252() -> None:
    data = "Møte – referat «utkast»".encode("cp1252")  # the en dash is cp1252-only
    assert read_bytes(data, filename="a.txt") == "Møte – referat «utkast»"


def test_txt_falls_back_to_latin1_when_cp1252_fails() -> None:
    line = "Sak på møtet om skolestruktur i nord og sør.\n"
    data = line.encode("latin-1") + b"\x81"  # 0x81 is undefined in cp1252, fine in latin-1
    assert read_bytes(data, filename="a.txt") == line + "\x81"


def test_txt_utf16_with_bom_is_text_not_binary() -> None:
    data = "Referat fra møte".encode("utf-16")
    assert read_bytes(data, filename="a.txt") == "Referat fra møte"


def test_markdown_is_read_as_text() -> None:
    text = read_bytes(b"# Referat\n\n## 1. Sak\n", filename="notat.MD")
    assert text == "# Referat\n\n## 1. Sak\n"


def test_read_document_reads_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "referat.txt"
    path.write_bytes("Referat fra møte\r\n".encode())
    assert read_document(path) == "Referat fra møte\n"


def test_shared_sample_reads_unchanged() -> None:
    path = Path(__file__).resolve().parents[1] / "samples/minutes/osloregionen-kg-2026-04-16.txt"
    text = read_document(path)
    assert text.startswith("\n\nReferat fra møte i administrativ koordineringsgruppe")
    assert "Fornavn\tEtternavn\tOrganisasjon" in text


def test_normalise_text_unifies_spaces_and_line_ends() -> None:
    assert normalise_text("a\u202fb\u200b\rc  \r\n\fd") == "a b\nc\n\nd"


# --- docx --------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_in_document_order() -> None:
    document = docx.Document()
    document.add_heading("Referat fra møte i eldrerådet", level=1)
    document.add_paragraph("Deltakere:")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([("Navn", "Rolle", "Parti"), ("Kari Nordmann", "leder", "AP")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_heading("Budsjett", level=2)
    document.add_paragraph("Første punkt", style="List Bullet")
    document.add_paragraph("Andre punkt", style="List Bullet")
    document.add_paragraph("Etter tabellen.")
    text = read_bytes(_docx_bytes(document), filename="møte.docx")
    assert text == (
        "# Referat fra møte i eldrerådet\n\nDeltakere:\n\n"
        "Navn\tRolle\tParti\nKari Nordmann\tleder\tAP\n\n"
        "## Budsjett\n\n- Første punkt\n- Andre punkt\n\nEtter tabellen."
    )


def test_docx_merged_cell_is_written_once() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Deltakere"
    table.cell(0, 2).text = "Parti"
    text = read_bytes(_docx_bytes(document), filename="a.docx")
    assert text.split("\n")[0] == "Deltakere\tParti"


def test_docx_that_is_not_a_zip() -> None:
    error = _error(b"this is plain text, not a word file", "a.docx")
    assert "not a valid .docx" in error.message


def test_docx_zip_without_document_xml() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "not a Word document" in _error(buf.getvalue(), "a.docx").message


def test_docx_with_damaged_xml_is_corrupt() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document")
    assert "corrupt .docx" in _error(buf.getvalue(), "a.docx").message


def test_docx_zip_bomb_ratio_is_refused_before_parsing(monkeypatch) -> None:
    def explode(*args, **kwargs):
        raise AssertionError("python-docx must not open a zip bomb")

    monkeypatch.setattr(docx, "Document", explode)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 5_000_000)  # ~5 kB packed
    error = _error(buf.getvalue(), "bomb.docx")
    assert "compression ratio" in error.message and "zip bomb" in error.message


def test_docx_declared_total_size_over_limit(monkeypatch) -> None:
    monkeypatch.setattr(readers, "MAX_UNZIPPED_BYTES", 100_000)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", os.urandom(150_000))  # ratio 1:1, just big
    error = _error(buf.getvalue(), "big.docx")
    assert "unpack to 150,000 bytes" in error.message and "100,000" in error.message


# --- pdf ---------------------------------------------------------------------------------


def test_pdf_text_layer_is_read() -> None:
    text = read_bytes(_pdf_with_text(["Referat fra styremote", "1. Godkjenning"]), filename="a.pdf")
    assert text.split("\n")[:2] == ["Referat fra styremote", "1. Godkjenning"]


def test_pdf_without_text_layer_asks_for_ocr() -> None:
    error = _error(_blank_pdf(), "skannet.pdf")
    assert error.message == "skannet.pdf: no text layer (scanned PDF?) - run OCR first"


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\nnot really a pdf at all", _pdf_with_text(["Hei"])[:150]]
)
def test_corrupt_pdf(data: bytes) -> None:
    assert "corrupt PDF" in _error(data, "ødelagt.pdf").message


# --- html --------------------------------------------------------------------------------


def test_html_blocks_lists_tables_and_no_scripts() -> None:
    html = """<html><head><title>t</title><style>p {color: red}</style></head><body>
    <h1>Referat fra m&oslash;te</h1>
    <script>alert("x")</script>
    <p>Tid:&nbsp;16. april   2026</p>
    <table><tr><th>Navn</th><th>Parti</th></tr><tr><td>Kari <b>Nordmann</b></td><td>AP</td></tr></table>
    <ul><li>Første</li><li><p>Andre</p><ul><li>Under</li></ul></li></ul>
    <div>Linje en<br>linje to</div>
    </body></html>"""
    text = read_bytes(html.encode(), filename="referat.html")
    assert text == (
        "# Referat fra møte\n\nTid: 16. april 2026\n\n"
        "Navn\tParti\nKari Nordmann\tAP\n\n"
        "- Første\n- Andre\n  - Under\n\nLinje en\nlinje to"
    )
    assert "alert" not in text and "color" not in text


def test_htm_uses_declared_charset() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Møte på rådhuset</p></body>'
    assert read_bytes(html.encode("latin-1"), filename="a.htm") == "Møte på rådhuset"


# --- bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("filename", ["a.txt", "a.md", "a.docx", "a.pdf", "a.html"])
def test_empty_file(filename: str) -> None:
    assert _error(b"", filename).message == f"{filename}: empty file"


def test_whitespace_only_file_is_empty() -> None:
    assert "empty file" in _error(b"  \n\t\n", "a.txt").message


def test_nul_bytes_are_binary() -> None:
    assert "binary file" in _error(b"Referat\x00\x00\x01", "a.txt").message


def test_mostly_control_characters_are_not_text() -> None:
    data = bytes(range(1, 32)) * 20 + b"Referat"
    data = data.replace(b"\t", b"x").replace(b"\n", b"x").replace(b"\r", b"x")
    assert "non-text" in _error(data, "a.md").message


def test_too_large_raises_payload_too_large_with_limit() -> None:
    with pytest.raises(PayloadTooLarge) as info:
        read_bytes(b"x" * 101, filename="stor.txt", max_bytes=100)
    assert info.value.message == "stor.txt: file is 101 bytes, over the limit of 100 bytes"
    assert info.value.status == 413


def test_read_document_refuses_large_file_before_reading(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "stor.pdf"
    path.write_bytes(b"x" * 2_000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a too-large file"))
    with pytest.raises(PayloadTooLarge, match="limit of 1,000 bytes"):
        read_document(path, max_bytes=1_000)


@pytest.mark.parametrize("filename", ["referat.odt", "referat", "referat.exe"])
def test_unknown_extension(filename: str) -> None:
    error = _error(b"Referat", filename)
    assert "unknown extension" in error.message and ".docx" in error.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="borte.txt: cannot read file"):
        read_document(tmp_path / "borte.txt")


def test_errors_are_bad_input_for_the_api() -> None:
    error = _error(b"", "a.txt")
    assert error.status == 422 and error.type == "document_error"
