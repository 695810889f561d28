"""The `referat` command: thin subcommands over the same flows the HTTP API calls.

Errors print one line saying what is wrong and how to fix it, and exit non-zero.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from service.errors import ReferatError
from service.settings import Settings, get_settings

SUPPORTED = {".txt", ".md", ".docx", ".pdf", ".html", ".htm"}
# A folder of minutes usually carries its own README or attribution notes; those describe the
# folder and are not minutes. Named explicitly on the command line they are still ingested.
FOLDER_NOTES = ("readme", "attribution", "sources", "license", "licence", "notice", "changelog")
INGEST_BATCH = 32
SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "minutes"
# Subcommands that live beside their feature; each module has add_parser(subparsers).
# Each feature adds its own subcommand; imported lazily so `referat ask` stays quick to start.
FEATURE_COMMANDS = ("service.cli_extract", "service.cli_summarize", "evals.cli")


def _services(settings: Settings | None = None):  # noqa: ANN202
    from service.wiring import build_services

    return build_services(settings or get_settings())


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if not f.is_file() or f.suffix.lower() not in SUPPORTED:
                    continue
                if f.stem.lower().startswith(FOLDER_NOTES) or f.name.startswith("."):
                    print(f"skipped   {f} (folder notes, not minutes)", file=sys.stderr)
                    continue
                out.append(f)
        elif p.is_file():
            out.append(p)
        else:
            raise ReferatError(f"{raw}: no such file or folder")
    return out


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from index.ingest import embed_pending
    from service.meetings import ingest_uploads

    services = _services()
    files = _files(args.paths)
    failed = 0
    progress = tqdm(total=len(files), desc="ingest", unit="doc",
                    disable=args.quiet or len(files) < 2)
    # Batches: one Chroma write costs the same for one document or fifty.
    for start in range(0, len(files), INGEST_BATCH):
        paths = files[start : start + INGEST_BATCH]
        results = ingest_uploads([(p.read_bytes(), p.name) for p in paths], services=services,
                                 replace=getattr(args, "replace", False),
                                 visibility=getattr(args, "visibility", None))
        for r in results:
            if isinstance(r, ReferatError):
                failed += 1
                print(f"error: {r.message}", file=sys.stderr)
                continue
            warn = f" (warning: {'; '.join(r.warnings)})" if r.warnings else ""
            was = f" (stored as {r.replaces} before)" if r.replaces else ""
            tqdm.write(f"{r.status:9} {r.meeting_id}  {r.date or 'no date'}  {r.item_count} "
                       f"items, {r.chunks} chunks{was}{warn}")
        progress.update(len(paths))
    progress.close()
    if services.store.vectors is not None:
        # Text is searchable already; vectors for all documents at once, batched by length.
        services.vectors.wait()
        embedded = embed_pending(services.store, services.embedder)
        if embedded and not args.quiet:
            print(f"embedded  {embedded} chunks", file=sys.stderr)
    return 1 if failed else 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from index.doctor import examine

    services = _services()
    report = examine(services.store, services.docs_dir)
    # Opening the services already recovered what the journal held; count that too.
    finished = services.recovered.finished + report.finished
    undone = services.recovered.undone + report.undone
    if args.reindex:
        services.lexical_sync.index.rebuild(services.store)
    services.lexical_sync.index.sync(services.store)
    print(f"finished {len(finished)} and undid {len(undone)} interrupted ingests; "
          f"removed {report.orphan_chunks} orphan chunks and {len(report.orphan_originals)} "
          f"orphan originals; lexical index at generation {services.lexical_sync.check()}")
    return 0


def cmd_meetings(args: argparse.Namespace) -> int:
    from service.meetings import list_meetings

    meetings = list_meetings(_services())
    if args.json:
        print(json.dumps([m.model_dump() for m in meetings], ensure_ascii=False, indent=2))
        return 0
    if not meetings:
        print("no meetings indexed; run `referat ingest samples/minutes`")
    for m in meetings:
        print(f"{m.meeting_id}  {m.date or '----------'}  {m.item_count:3} items  {m.title}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from service.meetings import delete_meeting

    delete_meeting(args.meeting_id, services=_services())
    print(f"deleted {args.meeting_id}")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from service.ask import answer_question
    from service.schemas import AskRequest

    req = AskRequest(question=args.question, meeting_ids=args.meeting or None,
                     bodies=args.body or None, date_from=args.date_from, date_to=args.date_to,
                     top_k=args.top_k)
    resp = answer_question(req, services=_services())
    if args.json:
        print(resp.model_dump_json(indent=2, exclude={"retrieved"}))
    else:
        print(resp.answer)
    return 0 if resp.answered else 3


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn
    import uvicorn.config

    from service.api.app import create_app
    from service.memory import limit_arenas

    settings = get_settings()
    check_exposure(args.host, settings, insecure=args.insecure)
    if args.demo:
        services = _services(settings)
        if not services.store.active_versions():
            print(f"indexing the sample minutes in {SAMPLES} ...")
            # The samples are public records (samples/minutes/ATTRIBUTION.md).
            cmd_ingest(argparse.Namespace(paths=[str(SAMPLES)], quiet=False, visibility="public",
                                          replace=False))
    print(f"Referat on http://{args.host}:{args.port}  (API docs: /docs)")
    from service.api.observe import configure_json_logging

    log_config = configure_json_logging() if settings.log_json else uvicorn.config.LOGGING_CONFIG
    if args.workers > 1:
        # Workers share the on-disk lexical index and the store; each builds its own app.
        uvicorn.run("service.api.app:create_server_app", factory=True, host=args.host, port=args.port,
                    workers=args.workers, log_level="warning", log_config=log_config)
        return 0
    limit_arenas()
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info",
                log_config=log_config)
    return 0


# -- access: refuse to serve keyless beyond loopback; hash keys for REFERAT_API_KEYS --------
def check_exposure(host: str, settings: Settings, *, insecure: bool) -> None:
    import ipaddress

    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not settings.api_keys and not (insecure or settings.insecure):
        raise ReferatError(
            f"refusing to serve on {host} without API keys: set REFERAT_API_KEYS (hash keys "
            "with `referat key-hash`), bind to 127.0.0.1, or pass --insecure")


def cmd_key_hash(args: argparse.Namespace) -> int:
    import secrets

    from service.api.security import hash_key

    key = args.key or secrets.token_urlsafe(24)
    if not args.key:
        print(f"key:    {key}")
    print(f"sha256: {hash_key(key)}" if not args.key else hash_key(key))
    return 0


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-04-16") from e


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="referat", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log model calls")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="index minutes files or folders")
    p.add_argument("paths", nargs="+")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--visibility", choices=["public", "internal"],
                   help="who may read them (default REFERAT_DEFAULT_VISIBILITY)")
    p.add_argument("--replace", action="store_true",
                   help="replace stored meetings of the same body and date (the old original is kept)")
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("doctor", help="clean what interrupted ingests left; check the index")
    p.add_argument("--reindex", action="store_true", help="rebuild the lexical index from Chroma")
    p.set_defaults(func=cmd_doctor)
    p = sub.add_parser("meetings", help="list indexed meetings")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_meetings)
    p = sub.add_parser("delete", help="remove a meeting from the index")
    p.add_argument("meeting_id")
    p.set_defaults(func=cmd_delete)
    p = sub.add_parser("ask", help="ask a question over the indexed minutes")
    p.add_argument("question")
    p.add_argument("--meeting", action="append", help="limit to a meeting id (repeatable)")
    p.add_argument("--body", action="append", help="limit to a body, e.g. formannskap (repeatable)")
    p.add_argument("--from", dest="date_from", type=_iso_date, help="meetings on or after (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", type=_iso_date, help="meetings on or before (YYYY-MM-DD)")
    p.add_argument("--top-k", type=int, default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)
    p = sub.add_parser("serve", help="run the HTTP API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--demo", action="store_true", help="index the sample minutes first if empty")
    p.add_argument("--insecure", action="store_true",
                   help="allow a non-loopback --host without REFERAT_API_KEYS")
    p.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("key-hash", help="the sha256 to put in REFERAT_API_KEYS (new key if none)")
    p.add_argument("key", nargs="?")
    p.set_defaults(func=cmd_key_hash)
    for name in FEATURE_COMMANDS:
        importlib.import_module(name).add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    handler: Callable[[argparse.Namespace], int] = args.func
    try:
        return handler(args)
    except ReferatError as e:
        print(f"error: {e.message}", file=sys.stderr)
        return 2
    except ValidationError as e:
        print(f"error: invalid settings or input: {_first_error(e)}", file=sys.stderr)
        return 2


def _first_error(e: ValidationError) -> str:
    err = e.errors()[0]
    return str(err.get("msg", e))


if __name__ == "__main__":
    sys.exit(main())
