"""Model-failure latencies against REFERAT_LLM_TIMEOUT: the real adapter against the
misbehaving loopback fake, five runs per case. `.venv/bin/python bench/model_failures.py`"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.errors import ModelUnavailable  # noqa: E402
from service.llm import Message  # noqa: E402
from service.openai_adapter import OpenAIChat  # noqa: E402
from tests.fakes.openai_server import FakeOpenAI, Reply  # noqa: E402

MESSAGES = [Message(role="user", content="hei")]
TIMEOUT = 2.0


def measure(name: str, setup: Callable[[FakeOpenAI], None], *, stream: bool = False,
            runs: int = 5) -> None:
    times, attempts, result = [], 0, ""
    for _ in range(runs):
        fake = FakeOpenAI().start()
        setup(fake)
        llm = OpenAIChat(model="m", base_url=fake.base_url, api_key=None, timeout=TIMEOUT)
        started = time.perf_counter()
        try:
            _ = "".join(llm.stream(MESSAGES)) if stream else llm.complete(MESSAGES).text
            result = "ok"
        except ModelUnavailable as e:
            result = e.message
        times.append(time.perf_counter() - started)
        attempts = len(fake.requests)
        fake.stop()
    print(f"| {name} | {TIMEOUT:g} s | {min(times):.2f}-{max(times):.2f} s | {attempts} | {result} |")


def main() -> None:
    print("| misbehaviour | timeout | failure latency (5 runs) | requests | outcome |")
    print("| --- | --- | --- | --- | --- |")
    measure("sleeps 5 s", lambda f: setattr(f, "default", Reply(content="x", delay=5)))
    measure("always 500", lambda f: setattr(f, "default", Reply(status=500)))
    measure("429 Retry-After: 20", lambda f: setattr(
        f, "default", Reply(status=429, headers={"Retry-After": "20"})))
    measure("500, 503, then an answer", lambda f: f.script(Reply(status=500), Reply(status=503), "ok"))
    measure("empty completion", lambda f: setattr(f, "default", Reply(content="")))
    measure("stream stalls (0.8 s per delta)", lambda f: setattr(
        f, "default", Reply(content="a b c d e f", stream_delay=0.8)), stream=True)
    measure("stream breaks after 2 deltas", lambda f: setattr(
        f, "default", Reply(content="a b c d e", break_stream_after=2)), stream=True)


if __name__ == "__main__":
    main()
