"""`referat summarize FILE`: a transcript file in, a draft of minutes out (markdown or JSON).
A thin wrapper over `summarize_transcript`, the flow the HTTP API calls."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from service.errors import TranscriptError

LONG_TRANSCRIPT_TURNS = 150  # show progress from here on


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "summarize", help="draft minutes from a meeting transcript (VTT, SRT, text, JSON, .docx)")
    p.add_argument("file", type=Path, help="the transcript")
    p.add_argument("--agenda", type=Path, help="the sakskart (text, .docx or .pdf)")
    p.add_argument("--out", type=Path, help="write here instead of standard output")
    p.add_argument("--json", action="store_true", help="the full JSON response, not markdown")
    p.add_argument("--format", choices=["vtt", "srt", "text", "json"], help="default: detected")
    p.add_argument("--mode", choices=["auto", "llm", "offline"], default="auto",
                   help="auto: the model when one is configured (REFERAT_LLM_MODEL), else offline")
    p.add_argument("--max-words", type=int, default=150, help="length of the prose summary")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_summarize)


def read_text(path: Path) -> str:
    if not path.is_file():
        raise TranscriptError(f"{path}: no such file")
    if path.suffix.lower() == ".docx":
        from service.transcripts import docx_text

        return docx_text(path.read_bytes())
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise TranscriptError(f"{path.name}: not UTF-8 text ({e.reason}); save it as UTF-8") from e


def cmd_summarize(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from service.settings import get_settings
    from service.summarize.flow import summarize_transcript
    from service.summarize.schema import SummaryRequest
    from service.wiring import make_llm

    settings = get_settings()
    transcript = read_text(args.file)
    agenda = None
    if args.agenda is not None:
        from index.readers import read_document

        agenda = read_document(args.agenda)
    fmt = args.format or _format_of(args.file)
    req = SummaryRequest(transcript=transcript, format=fmt, agenda=agenda,  # type: ignore[arg-type]
                         max_words=args.max_words, mode=args.mode)
    llm = None if args.mode == "offline" else make_llm(settings)
    bar = None
    long = transcript.count("\n") > LONG_TRANSCRIPT_TURNS * 2 or llm is not None

    def progress(done: int, total: int, label: str) -> None:
        nonlocal bar
        if args.quiet or not long:
            return
        if bar is None or bar.total != total:
            bar = tqdm(total=total, desc="summarize", unit="item", file=sys.stderr)
        bar.n = done
        bar.set_postfix_str(label[:40])
        bar.refresh()

    try:
        resp = summarize_transcript(req, llm=llm, settings=settings, progress=progress)
    except TranscriptError as e:
        raise TranscriptError(f"{args.file.name}: {e.message}") from e
    finally:
        if bar is not None:
            bar.close()
    text = resp.model_dump_json(indent=2) if args.json else resp.markdown
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out} ({len(resp.items)} items, {resp.mode} mode)", file=sys.stderr)
    else:
        print(text)
    for warning in resp.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _format_of(path: Path) -> str | None:
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in ("vtt", "srt", "json") else None
