"""First step of the write path: a document's bytes (.txt .md .docx .pdf .html) to plain text.

`parse_minutes` reads what comes out; every failure is a `DocumentError` naming the file.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from index.errors import DocumentError, PayloadTooLarge

SUPPORTED_EXTENSIONS = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
# A .docx is a zip: refuse archives that would unpack to more than this, or that compress
# suspiciously well (a zip bomb), before python-docx inflates anything.
MAX_UNZIPPED_BYTES = 200_000_000
MAX_ZIP_RATIO = 100
_RATIO_CHECK_FROM = 1_000_000  # tiny archives can have odd ratios without being dangerous
# Share of control characters above which "text" is really a binary file with a text name.
_MAX_CONTROL_SHARE = 0.05
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# C0/C1 control characters other than tab, newline, CR and form feed; private-use
# characters; the replacement character. Text has almost none of them, binaries plenty.
_NON_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
# Spaces that look like " " to a reader but break splitting and matching.
_ODD_SPACES = re.compile(r"[\u00a0\u2007\u202f]")
# A BOM or zero-width space mid-text would split words invisibly.
_INVISIBLE = re.compile(r"[\ufeff\u200b]")


def read_document(path: Path, *, max_bytes: int = 20_000_000) -> str:
    """Read a document from disk; see `read_bytes`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:  # refuse before reading the whole thing into memory
            raise PayloadTooLarge(_too_large(path.name, size, max_bytes))
        data = path.read_bytes()
    except OSError as e:
        raise DocumentError(f"{path.name}: cannot read file ({e.strerror or e})") from e
    return read_bytes(data, filename=path.name, max_bytes=max_bytes)


def read_bytes(data: bytes, *, filename: str, max_bytes: int = 20_000_000) -> str:
    """Turn an uploaded document into normalised text; the extension chooses the reader."""
    if len(data) > max_bytes:
        raise PayloadTooLarge(_too_large(filename, len(data), max_bytes))
    ext = Path(filename).suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        supported = ", ".join(SUPPORTED_EXTENSIONS)
        raise DocumentError(f"{filename}: unknown extension {ext or '(none)'!r}; use {supported}")
    if not data.strip():
        raise DocumentError(f"{filename}: empty file")
    if ext == ".docx":
        text = _read_docx(data, filename)
    elif ext == ".pdf":
        text = _read_pdf(data, filename)
    elif ext in (".html", ".htm"):
        text = _read_html(data, filename)
    else:
        text = _decode_text(data, filename)
    text = normalise_text(text)
    if not text.strip():
        raise DocumentError(f"{filename}: no text in document")
    return text


def normalise_text(text: str) -> str:
    """Unify line ends and odd spaces; keep indentation, which carries table and list layout."""
    text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _ODD_SPACES.sub(" ", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _too_large(filename: str, size: int, limit: int) -> str:
    return f"{filename}: file is {size:,} bytes, over the limit of {limit:,} bytes"


def _decode_text(data: bytes, filename: str) -> str:
    if data.startswith(_UTF16_BOMS):
        return _check_text(data.decode("utf-16", errors="replace"), filename)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise DocumentError(f"{filename}: binary file (NUL bytes), not text")
        return _check_text(data.decode(utf16, errors="replace"), filename)
    # Windows exports are often cp1252; latin-1 decodes anything, so it is the last resort.
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return _check_text(data.decode(encoding), filename)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 exports without a BOM put a NUL beside nearly every Latin character, all on
    one side (odd bytes for little endian); a binary's NULs fall anywhere."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even = sample[0:2 * pairs:2].count(0) / pairs
    odd = sample[1:2 * pairs:2].count(0) / pairs
    if odd > 0.3 and even < 0.02:
        return "utf-16-le"
    if even > 0.3 and odd < 0.02:
        return "utf-16-be"
    return None


def _check_text(text: str, filename: str) -> str:
    controls = sum(1 for _ in _NON_TEXT.finditer(text))
    if controls > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise DocumentError(f"{filename}: mostly non-text bytes, not a text document")
    return text


def _check_zip(data: bytes, filename: str) -> None:
    """Vet a .docx archive from its declared sizes, before anything is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
    except (zipfile.BadZipFile, ValueError) as e:
        raise DocumentError(f"{filename}: not a valid .docx (not a zip archive)") from e
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if unpacked > MAX_UNZIPPED_BYTES:
        raise DocumentError(
            f"{filename}: .docx would unpack to {unpacked:,} bytes, over the limit of "
            f"{MAX_UNZIPPED_BYTES:,} bytes (zip bomb?)"
        )
    if unpacked > _RATIO_CHECK_FROM and unpacked / packed > MAX_ZIP_RATIO:
        raise DocumentError(
            f"{filename}: .docx compression ratio {unpacked // packed}:1 is over "
            f"{MAX_ZIP_RATIO}:1 (zip bomb?)"
        )
    if "word/document.xml" not in names:
        raise DocumentError(f"{filename}: not a Word document (no word/document.xml)")


def _read_docx(data: bytes, filename: str) -> str:
    _check_zip(data, filename)
    import docx  # imported here: only .docx uploads pay for it
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        # Paragraphs and tables in document order; a blank line between blocks, as in a
        # text file, but list items and table rows stay on consecutive lines.
        blocks: list[list[str]] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                blocks.append(_docx_table_rows(block))
                continue
            line = _docx_paragraph(block)
            if line.startswith("- ") and blocks and blocks[-1][-1].startswith("- "):
                blocks[-1].append(line)
            elif line.strip():
                blocks.append([line])
    except Exception as e:  # python-docx raises many types on damaged XML
        raise DocumentError(f"{filename}: corrupt .docx ({type(e).__name__}: {e})") from e
    return "\n\n".join("\n".join(block) for block in blocks if block)


def _docx_paragraph(paragraph) -> str:
    """Headings become markdown headings and list paragraphs bullets, so the parser sees them."""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    text = paragraph.text
    level = re.fullmatch(r"Heading (\d)", style)
    if level and text.strip():
        return "#" * int(level.group(1)) + " " + text.strip()
    if style.startswith("List") and text.strip():
        return "- " + text.strip()
    return text


def _docx_table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is repeated once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        rows.append("\t".join(cells))
    return rows


def _read_pdf(data: bytes, filename: str) -> str:
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(f"{filename}: encrypted PDF; remove the password first")
        pages = [_pdf_page_text(page) for page in reader.pages]
    except DocumentError:
        raise
    except Exception as e:  # pypdf signals damage with many exception types
        raise DocumentError(f"{filename}: corrupt PDF ({type(e).__name__}: {e})") from e
    if not any(page.strip() for page in pages):
        raise DocumentError(f"{filename}: no text layer (scanned PDF?) - run OCR first")
    return "\n\n".join(pages)


def _pdf_page_text(page) -> str:
    # Layout mode keeps columns and indentation like `pdftotext -layout`, which the
    # minutes parser relies on; plain mode is the fallback for pages layout mode chokes on.
    try:
        return page.extract_text(extraction_mode="layout")
    except Exception:
        return page.extract_text() or ""


def _read_html(data: bytes, filename: str) -> str:
    if b"\x00" in data:
        raise DocumentError(f"{filename}: binary file (NUL bytes), not HTML")
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(data, "html.parser")  # detects the charset from <meta> or BOM
        for tag in soup(["script", "style", "noscript", "template", "head"]):
            tag.decompose()
        out = _HtmlLines()
        out.walk(soup)
        return _check_text(out.text(), filename)
    except DocumentError:
        raise
    except Exception as e:
        raise DocumentError(f"{filename}: unreadable HTML ({type(e).__name__}: {e})") from e


_HTML_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt fieldset figcaption figure footer form "
    "header hr main nav ol p pre section ul caption".split()
)
_HTML_HEADINGS = {f"h{n}": n for n in range(1, 7)}


class _HtmlLines:
    """Flattens HTML into lines: one per block with a blank line between blocks, tables as
    tab-separated rows, list items as "- " bullets. Headings become markdown headings so the
    minutes parser can find unnumbered items.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._buf: list[str] = []

    def text(self) -> str:
        self._flush()
        return "\n".join(self.lines).strip("\n")

    def _flush(self, prefix: str = "") -> None:
        line = " ".join("".join(self._buf).split())
        self._buf = []
        if line:
            self.lines.append(prefix + line)

    def _gap(self) -> None:
        """End the current block; blocks are separated like paragraphs in a text file."""
        self._flush()
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def walk(self, node, depth: int = 0) -> None:
        from bs4 import Comment, NavigableString, Tag

        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self._buf.append(str(child))
            elif isinstance(child, Tag):
                self._tag(child, depth)

    def _tag(self, tag, depth: int) -> None:
        name = tag.name
        if name == "br":
            self._flush()
        elif name == "table":
            self._gap()
            for row in tag.find_all("tr"):
                cells = row.find_all(["td", "th"], recursive=False)
                self.lines.append("\t".join(" ".join(c.get_text(" ").split()) for c in cells))
            self._gap()
        elif name == "li":
            self._flush()
            nested = tag.find_all(["ul", "ol"], recursive=False)
            for sub in nested:
                sub.extract()  # rendered after the item's own text, one level deeper
            self._buf.append(tag.get_text(" "))  # an item is one line, even with <p> inside
            self._flush(prefix="  " * depth + "- ")
            for sub in nested:
                self.walk(sub, depth + 1)
        elif name in ("ul", "ol") and depth == 0:
            self._gap()
            self.walk(tag, depth)
            self._gap()
        elif name in _HTML_HEADINGS:
            self._gap()
            self.walk(tag, depth)
            self._flush(prefix="#" * _HTML_HEADINGS[name] + " ")
            self._gap()
        elif name in _HTML_BLOCKS:
            self._gap()
            self.walk(tag, depth)
            self._gap()
        else:
            self.walk(tag, depth)
