"""Transcript parsing, the first step of summarize: WebVTT, SRT, speaker-labelled text,
JSON turns and .docx all become one `Transcript` of timed, speaker-attributed turns.

A malformed file raises `TranscriptError` naming the line, so a user can fix the export.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from service.errors import TranscriptError

Format = Literal["vtt", "srt", "text", "json"]
FORMATS: tuple[str, ...] = ("vtt", "srt", "text", "json")


class Turn(BaseModel):
    index: int
    speaker: str
    text: str
    start: float | None = None  # seconds from the start of the recording
    end: float | None = None


class Transcript(BaseModel):
    turns: list[Turn]
    format: str
    title: str | None = None  # header lines of a text transcript, e.g. the meeting's name

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(t.speaker for t in self.turns if t.speaker))


_TS = r"(?:(\d{1,2}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,7}))?"
_TIMING = re.compile(rf"^\s*{_TS}\s*-->\s*{_TS}(?:\s.*)?$")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>(.*?)(?:</v>|(?=<v[\s.])|$)", re.S)
_TAGS = re.compile(r"</?(?:c|i|b|u|lang|ruby|rt)(?:[.\s][^>]*)?>|<\d{1,2}:[\d:.]+>|</v>")
_NOISE = re.compile(r"<[^<>]{1,40}>")  # <laugh>, <unintelligible>, leftover markup
_LABEL = re.compile(
    r"^\s*(?:\[?(?P<ts>\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\]?\s*[-–]?\s*)?"
    r"(?:\[(?P<br>[^\]\n]{1,40})\]\s*|\((?P<pa>person\d+|[^)\n]{1,40})\)\s+|"
    r"(?P<sp>[^:\n]{1,60}?)\s*(?:\((?P<ts2>\d{1,2}:\d{2}(?::\d{2})?)\))?\s*:(?:\s+|$))(?P<text>.*)$"
)
_NAME_TIME = re.compile(r"^\s*(?P<sp>[^\d\n][^\n]{0,59}?)\s+(?P<ts>\d{1,2}:\d{2}(?::\d{2})?)\s*$")
_PARTICLES = {"av", "van", "von", "de", "der", "den", "la", "le", "du", "da", "og", "i", "for"}


def _seconds(groups: tuple[str | None, ...]) -> float:
    h, m, s, ms = groups
    return int(h or 0) * 3600 + int(m or 0) * 60 + int(s or 0) + float("0." + (ms or "0"))


def _clock(ts: str) -> float:
    parts = [float(p.replace(",", ".")) for p in ts.split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))


def _is_name(label: str) -> bool:
    """Speaker labels look like names ("Målfrid Baik", "A", "Deltaker 2", "Leder (AP)")."""
    label = label.strip()
    if not label or label[-1] in ".,;!?" or label.count(" ") > 5:
        return False
    for word in re.sub(r"\([^)]*\)", "", label).split():
        if word.lower() in _PARTICLES or word.isdigit() or word[0].isupper():
            continue
        return False
    return True


def _clean(text: str) -> str:
    text = _NOISE.sub(" ", _TAGS.sub("", text))
    return re.sub(r"\s+", " ", text).strip()


def _normalise_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip()
    # Teams exports some tenants as "Etternavn, Fornavn".
    if re.fullmatch(r"[^,()]+, [^,()]+", name):
        last, first = name.split(", ")
        name = f"{first} {last}"
    return name


def _merge(raw: list[tuple[str, str, float | None, float | None]], *, merge: bool = True) -> list[Turn]:
    """Consecutive cues by one speaker become one turn (Teams splits sentences into cues);
    without `merge` each paragraph stays a turn, which keeps long monologues segmentable."""
    turns: list[Turn] = []
    for speaker, text, start, end in raw:
        text = _clean(text)
        if not text:
            continue
        prev = turns[-1] if turns else None
        gap = (start - prev.end) if (prev and start is not None and prev.end is not None) else 0.0
        if merge and prev and prev.speaker == speaker and gap <= 3.0:
            prev.text = f"{prev.text} {text}"
            prev.end = end if end is not None else prev.end
            continue
        turns.append(Turn(index=len(turns), speaker=speaker, text=text, start=start, end=end))
    return turns


def _cues(lines: list[str], *, fmt: str, first: int, name_line: bool = False) -> list[Turn]:
    """WebVTT and SRT blocks: [id] / timing / payload lines; `first` is the 1-based line number.
    `name_line`: the payload's first line is the speaker's name (older Teams .docx exports)."""
    raw: list[tuple[str, str, float | None, float | None]] = []
    i, speaker = 0, ""
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        block_start = i
        block = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i])
            i += 1
        if fmt == "vtt" and re.match(r"(NOTE|STYLE|REGION)\b", block[0]):
            continue
        # the first line is the timing when it matches or looks like a broken one
        timing = 0 if _TIMING.match(block[0]) or re.search(r"\d:\d\d|->", block[0]) else 1
        if len(block) <= timing or not _TIMING.match(block[timing]):
            where = first + block_start + min(timing, len(block) - 1)
            got = block[min(timing, len(block) - 1)].strip()[:60]
            raise TranscriptError(
                f"line {where}: expected a cue timing like '00:01:02{'.' if fmt == 'vtt' else ','}"
                f"000 --> 00:01:05{'.' if fmt == 'vtt' else ','}000', got {got!r}"
            )
        m = _TIMING.match(block[timing])
        assert m is not None
        start, end = _seconds(m.groups()[:4]), _seconds(m.groups()[4:])
        if end < start:
            raise TranscriptError(f"line {first + block_start + timing}: cue ends before it starts")
        payload = "\n".join(block[timing + 1:])
        voices = _VOICE.findall(payload)
        if voices:
            for name, text in voices:
                speaker = _normalise_name(name)
                raw.append((speaker, text, start, end))
            continue
        payload_lines = payload.splitlines()
        if name_line and len(payload_lines) > 1 and _is_name(payload_lines[0]):
            speaker = _normalise_name(payload_lines.pop(0))
        for line in payload_lines:
            label = re.match(r"^\s*([^:]{1,60}?):\s+(.*)$", line)
            if label and _is_name(label.group(1)):
                speaker, line = _normalise_name(label.group(1)), label.group(2)
            raw.append((speaker or "Ukjent", line, start, end))
    return _merge(raw)


def _text(lines: list[str]) -> tuple[list[Turn], str | None]:
    raw: list[tuple[str, str, float | None, float | None]] = []
    header: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        m = _LABEL.match(line)
        name = m and (m.group("br") or m.group("pa") or m.group("sp"))
        if m and name and (_is_name(name) or re.fullmatch(r"person\d+", name)):
            ts = m.group("ts") or m.group("ts2")
            raw.append((_normalise_name(name), m.group("text"), _clock(ts) if ts else None, None))
            continue
        nt = _NAME_TIME.match(line)  # Teams .docx: "Målfrid Baik   0:03" then the speech
        if nt and _is_name(nt.group("sp")):
            raw.append((_normalise_name(nt.group("sp")), "", _clock(nt.group("ts")), None))
        elif raw and not raw[-1][1]:
            raw[-1] = (raw[-1][0], line.strip(), raw[-1][2], None)
        elif raw:
            raw.append((raw[-1][0], line.strip(), None, None))
        else:
            header.append(line.strip().lstrip("# "))
    if not raw:
        first = next((n for n, line in enumerate(lines, start=1) if line.strip()), 1)
        raise TranscriptError(
            f"line {first}: no speaker label found; write turns as 'Navn: tekst'"
        )
    title = None
    if header and (len(header) > 3 or max(len(h) for h in header) > 100):
        # Speech before the first label (a recording that starts mid-sentence) is kept.
        raw[:0] = [("Ukjent", h, None, None) for h in header]
    elif header:
        title = " ".join(h for h in header if _clean(h)) or None
    turns = _merge(raw, merge=False)
    for turn, nxt in zip(turns, turns[1:], strict=False):
        if turn.start is not None and turn.end is None:
            turn.end = nxt.start
    return turns, title


def _json(text: str) -> list[Turn]:
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as e:
        raise TranscriptError(f"line {e.lineno}: invalid JSON ({e.msg})") from e
    if isinstance(data, dict):
        data = data.get("turns") or data.get("meeting_transcripts") or data.get("transcript")
    if not isinstance(data, list):
        raise TranscriptError('line 1: expected a list of turns [{"speaker", "content"}]')
    raw: list[tuple[str, str, float | None, float | None]] = []
    for k, item in enumerate(data, start=1):
        content = item.get("content", item.get("text")) if isinstance(item, dict) else None
        if not isinstance(content, str) or not isinstance(item.get("speaker", ""), str):
            raise TranscriptError(f'turn {k}: expected {{"speaker": str, "content": str}}, got {str(item)[:60]!r}')
        times = [item.get(key) for key in ("start", "end")]
        start, end = (_clock(t) if isinstance(t, str) else t for t in times)
        raw.append((_normalise_name(item.get("speaker") or "Ukjent"), content, start, end))
    return _merge(raw)


def detect_format(text: str, filename: str | None = None) -> str:
    suffix = Path(filename).suffix.lower().lstrip(".") if filename else ""
    if suffix in ("vtt", "srt", "json"):
        return suffix
    head = text.lstrip("\ufeff \n")[:2000]
    if head.startswith("WEBVTT"):
        return "vtt"
    if head[:1] in "[{" and head.lstrip("[ \n")[:1] in '{"':
        return "json"
    if re.match(r"\d+\s*\n\s*" + _TS + r"\s*-->", head):
        return "srt"
    return "text"


def parse_transcript(text: str, *, fmt: str | None = None, filename: str | None = None) -> Transcript:
    """Parse a transcript in any supported format (detected when `fmt` is None)."""
    fmt = fmt or detect_format(text, filename)
    if fmt not in FORMATS:
        raise TranscriptError(f"unknown transcript format {fmt!r}; use one of {', '.join(FORMATS)}")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    title = None
    if fmt == "vtt":
        if not lines[0].startswith("WEBVTT"):
            raise TranscriptError(f"line 1: a WebVTT file starts with 'WEBVTT', got {lines[0][:40]!r}")
        turns = _cues(lines[1:], fmt="vtt", first=2)
    elif fmt == "srt":
        turns = _cues(lines, fmt="srt", first=1)
    elif fmt == "json":
        turns = _json(text)
    else:
        turns, title = _text(lines)
    if not turns:
        raise TranscriptError("line 1: the transcript has no speech")
    return Transcript(turns=turns, format=fmt, title=title)


def docx_text(data: bytes) -> str:
    """Paragraph text of a .docx transcript (Teams and Word exports)."""
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises zipfile and KeyError alike
        raise TranscriptError(f"line 1: not a readable .docx file ({e})") from e
    return "\n".join(p.text for p in document.paragraphs)


def read_transcript(path: Path, *, fmt: str | None = None) -> Transcript:
    """Read a transcript file; .docx is unpacked to text and parsed as cues or labelled text.
    Errors name the file as well as the line."""
    try:
        if path.suffix.lower() != ".docx":
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as e:
                raise TranscriptError(f"not UTF-8 text ({e.reason}); save it as UTF-8") from e
            return parse_transcript(text, fmt=fmt, filename=path.name)
        text = docx_text(path.read_bytes())
        if fmt is None and any(_TIMING.match(line) for line in text.split("\n")):
            return Transcript(turns=_cues(text.split("\n"), fmt="vtt", first=1, name_line=True),
                              format="vtt")
        return parse_transcript(text, fmt=fmt)
    except TranscriptError as e:
        raise TranscriptError(f"{path.name}: {e.message}") from e
