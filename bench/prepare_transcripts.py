"""Copy the shared real transcripts the tests, evals and ROUGE bench need into
samples/transcripts/, in formats our parser reads, with their human references beside them.

Run once from the repository root: `python bench/prepare_transcripts.py [../shared/transcripts]`.
QMSum: the two shortest committee meetings as JSON turns + the "Summarize the whole meeting"
answer; ELITR: all six (transcript + minutes); AMI: the three meetings with the
`topic_description` lines dropped, the gold abstract as prose and decisions/actions.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "samples" / "transcripts"


def qmsum(src: Path) -> None:
    meetings = [json.loads(line) for line in (src / "committee_val.jsonl").open(encoding="utf-8")]
    shortest = sorted(range(len(meetings)),
                      key=lambda i: sum(len(t["content"].split()) for t in meetings[i]["meeting_transcripts"]))[:2]
    for i in shortest:
        m = meetings[i]
        folder = OUT / "qmsum" / f"committee-val-{i}"
        folder.mkdir(parents=True, exist_ok=True)
        turns = [{"speaker": t["speaker"], "content": t["content"]} for t in m["meeting_transcripts"]]
        (folder / "transcript.json").write_text(json.dumps(turns, ensure_ascii=False, indent=0), encoding="utf-8")
        answer = next(q["answer"] for q in m["general_query_list"] if "whole meeting" in q["query"].lower())
        (folder / "reference.txt").write_text(answer.strip() + "\n", encoding="utf-8")
        (folder / "topics.txt").write_text("\n".join(t["topic"] for t in m["topic_list"]) + "\n", encoding="utf-8")


def elitr(src: Path) -> None:
    for folder in sorted((src / "elitr").iterdir()):
        dest = OUT / "elitr" / folder.name
        dest.mkdir(parents=True, exist_ok=True)
        for name in ("transcript.txt", "minutes.txt"):
            shutil.copyfile(folder / name, dest / name)


def ami(src: Path) -> None:
    for folder in sorted(p for p in (src / "ami").iterdir() if p.is_dir()):
        dest = OUT / "ami" / folder.name
        dest.mkdir(parents=True, exist_ok=True)
        lines = (folder / "conv_by_topic.txt").read_text(encoding="utf-8").splitlines()
        kept = [ln for ln in lines if ln.strip() and not ln.startswith("topic_description")]
        (dest / "transcript.txt").write_text("\n".join(kept) + "\n", encoding="utf-8")
        root = ET.parse(folder / f"{folder.name}.abssumm.xml").getroot()
        for part in ("abstract", "decisions", "actions"):
            sentences = [re.sub(r"\s+", " ", s.text or "").strip()
                         for el in root if el.tag == part for s in el]
            (dest / f"{part}.txt").write_text("\n".join(s for s in sentences if s) + "\n", encoding="utf-8")


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "transcripts"
    qmsum(source / "qmsum")
    elitr(source)
    ami(source)
    print(f"wrote {OUT}")
