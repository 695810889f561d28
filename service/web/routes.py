"""GET / (the page) and GET /assets/{name} (its script and styles), served by the API app.

The page calls the public /v1 endpoints from the browser, so it never does anything a
script cannot. Everything it loads comes from this server: municipal networks block the
internet, and the Content-Security-Policy says so.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

from service.errors import NotFound
from service.web.strings import STRINGS

HERE = Path(__file__).parent
ASSETS = {p.name: p for p in (HERE / "static").iterdir() if p.suffix in (".js", ".css")}
MEDIA = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")

router = APIRouter(include_in_schema=False)
_templates = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                                autoescape=True, undefined=jinja2.StrictUndefined)


@router.get("/", response_class=HTMLResponse)
def page(lang: str = "nb") -> HTMLResponse:
    lang = "en" if lang == "en" else "nb"  # an unknown language falls back, never a JSON error
    strings = STRINGS[lang]
    # "<" escaped: the JSON sits in a <script> element, where "</script>" would end it.
    as_json = json.dumps(strings, ensure_ascii=False).replace("<", "\\u003c")
    html = _templates.get_template("index.html").render(lang=lang, t=strings,
                                                        strings_json=as_json)
    return HTMLResponse(html, headers={"Content-Security-Policy": CSP,
                                       "Cache-Control": "no-cache"})


@router.get("/assets/{name}")
def asset(name: str) -> FileResponse:
    path = ASSETS.get(name)  # only the files shipped in static/, never a path from the URL
    if path is None:
        raise NotFound(f"no asset {name!r}")
    return FileResponse(path, media_type=MEDIA[path.suffix], headers={"Cache-Control": "no-cache"})
