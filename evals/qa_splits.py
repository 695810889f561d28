"""The QA suite's two extra measures beside plain scoring, both through the HTTP API:

- leave-one-meeting-out: every answerable question about meeting M is asked again of the
  archive without M (deleted, then uploaded again); the right answer is a refusal. It turns
  each answerable question into an unanswerable one that nobody had to write.
- llm mode without a model: the same questions through an app in llm mode whose model is
  `evals.fake_model`; measures whether the expected item was among the excerpts sent to the
  model (context recall@k) and how many questions were refused before any call.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tqdm import tqdm

from evals.qa_metrics import GoldenQuestions, QuestionCase, first_hit_rank

DEFAULT_SPLITS = ("dev", "test")


def meeting_of(case: QuestionCase, meetings: list[dict[str, Any]]) -> str | None:
    """The indexed meeting a case is about, when exactly one matches its date and body."""
    m = case.meeting
    if m is None or m.date is None:
        return None
    found = [x["meeting_id"] for x in meetings if str(x.get("date")) == m.date.isoformat()
             and (m.body is None or m.body.casefold() in str(x.get("body", "")).casefold())]
    return found[0] if len(found) == 1 else None


def leave_one_meeting_out(client: Any, golden: GoldenQuestions, *, meetings: list[dict[str, Any]],
                          sources: dict[str, Path], ask: Callable[[str], dict[str, Any]],
                          progress: bool) -> dict[str, Any]:
    by_meeting: dict[str, list[QuestionCase]] = defaultdict(list)
    for case in golden.cases:
        mid = meeting_of(case, meetings) if case.answerable else None
        if mid and mid in sources:
            by_meeting[mid].append(case)
    rows: list[dict[str, Any]] = []
    bar = tqdm(total=sum(map(len, by_meeting.values())), desc="qa leave-one-meeting-out",
               unit="q", disable=not progress, file=sys.stderr)
    for mid, cases in sorted(by_meeting.items()):
        path = sources[mid]
        gone = client.delete(f"/v1/meetings/{mid}")
        if gone.status_code != 204:
            raise RuntimeError(f"could not remove {mid} for leave-one-meeting-out: {gone.status_code}")
        try:
            for case in cases:
                response = ask(case.question)
                rows.append({"id": case.id, "question": case.question, "meeting_id": mid,
                             "refused": not response.get("answered") and "error" not in response,
                             "answer": str(response.get("answer") or "")[:300],
                             "gate": (response.get("usage") or {}).get("gate")})
                bar.update()
        finally:
            back = client.post("/v1/meetings", files={"file": (path.name, path.read_bytes())})
            if back.status_code not in (200, 201):
                raise RuntimeError(f"could not restore {path.name}: {back.status_code}")
    bar.close()
    n = len(rows)
    return {"metrics": {"lomo_questions": n,
                        "lomo_refusal_accuracy": round(sum(r["refused"] for r in rows) / n, 4)
                        if n else None},
            "cases": rows}


@contextmanager
def fake_llm_client(settings: Any, store: Any, embedder: Any) -> Iterator[Any]:
    """An in-process app in llm mode, on the same store, whose model is the loopback fake."""
    from fastapi.testclient import TestClient

    from evals.fake_model import FakeChatServer
    from service.api.app import create_app
    from service.openai_adapter import OpenAIChat

    with FakeChatServer() as fake:
        llm_settings = settings.model_copy(update={
            "answer_mode": "llm", "llm_model": "fake", "llm_base_url": fake.base_url})
        llm = OpenAIChat(model="fake", base_url=fake.base_url, api_key="fake",
                         timeout=llm_settings.llm_timeout)
        with TestClient(create_app(llm_settings, llm=llm, store=store, embedder=embedder)) as c:
            yield c


def llm_context(client: Any, golden: GoldenQuestions, *, progress: bool) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for case in tqdm(golden.cases, desc="qa llm (fake model)", unit="q", disable=not progress,
                     file=sys.stderr):
        r = client.post("/v1/ask", json={"question": case.question})
        body = r.json() if r.status_code == 200 else {}
        usage = body.get("usage") or {}
        called = bool(usage.get("model_called"))
        rank = first_hit_rank(body.get("retrieved") or [], case) if case.answerable else None
        rows.append({"id": case.id, "answerable": case.answerable, "status": r.status_code,
                     "model_called": called, "in_context": called and rank is not None,
                     "answered": bool(body.get("answered")),
                     "dropped": body.get("dropped_sentences") or [],
                     "removed": body.get("removed_citations") or []})
    ans = [r for r in rows if r["answerable"]]
    sent = [r for r in ans if r["model_called"]]
    return {"metrics": {
        # The fake quotes an excerpt verbatim, its marker written each way models write one:
        # what the citation check lets through of grounded replies.
        "llm_replies_kept": round(sum(r["answered"] for r in sent) / len(sent), 4)
        if sent else None,
        "llm_context_recall_at_k": round(sum(r["in_context"] for r in ans) / len(ans), 4)
        if ans else None,
        "llm_refused_before_model": sum(not r["model_called"] for r in ans),
        "llm_errors": sum(r["status"] != 200 for r in rows),
    }, "cases": rows}
