"""`referat extract MEETING_ID [--json | --markdown]`: the same flow as POST /v1/extract,
printed as JSON or as a to-do list to paste into the next agenda."""

from __future__ import annotations

import argparse

from service.extract.flow import extract_request
from service.extract.markdown import render_markdown
from service.extract.schema import ExtractRequest
from service.settings import get_settings


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("extract", help="action items, decisions and board proposals of a meeting")
    p.add_argument("meeting_id", help="an indexed meeting (see `referat meetings`)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", dest="format", action="store_const", const="json")
    fmt.add_argument("--markdown", dest="format", action="store_const", const="markdown",
                     help="a to-do list for the next agenda (default)")
    p.add_argument("--mode", choices=["auto", "llm", "rules"], default="auto",
                   help="auto = the model when REFERAT_LLM_MODEL is set, else the offline rules")
    p.set_defaults(func=handle, format="markdown")


def handle(args: argparse.Namespace) -> int:
    from service.wiring import build_services

    services = build_services(get_settings())
    result = extract_request(ExtractRequest(meeting_id=args.meeting_id, mode=args.mode),
                             services=services)
    if args.format == "json":
        print(result.model_dump_json(indent=2))
    else:
        print(render_markdown(result, heading=f"Oppfølging fra møtet {args.meeting_id}"), end="")
    return 0
