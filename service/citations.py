"""Citation check of the ask flow, per sentence: a sentence of a model's answer is kept only
when it cites an excerpt that was actually sent and that excerpt supports it (its content
words are there). Anything else is dropped and reported, never passed on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.analyze import head_terms, word_terms, words, zipf
from index.models import Chunk
from service.evidence import squash, units
from service.markers import Marker, marker, read_markers, text_terms
from service.schemas import Citation

# A sentence ends at . ! ? before white space and a capital letter, a marker, a bullet or the
# end; markers right after the stop still belong to it. A stop after a number ("1. oktober")
# or a short abbreviation ("bl.a.", "ca.") does not end one. A line break always does.
_END = re.compile(r"(?<![\d])(?<!\b[a-zæøå]\.[a-zæøå])(?<!\bca)(?<!\bnr)(?<!\bjf)(?<!\bbl)"
                  r"[.!?](?:\s*\[[^\[\]\n]{1,200}\])*(?=\s+(?:[A-ZÆØÅ«\"(\[-]|$)|$)")
SUPPORT = 0.5  # share of a sentence's checkable words the cited excerpt must hold
GRAMMAR_ZIPF = 6.0


@dataclass
class CheckedAnswer:
    text: str
    citations: list[Citation]
    removed: list[str] = field(default_factory=list)  # markers that name no sent excerpt
    dropped: list[str] = field(default_factory=list)  # sentences not kept, and why


def check_citations(answer: str, chunks: list[Chunk]) -> CheckedAnswer:
    kept: list[str] = []
    citations: dict[tuple[str, str], Citation] = {}
    removed: list[str] = []
    dropped: list[str] = []
    for sentence, markers in _sentences(answer, chunks):
        if sentence == "\n":
            kept.append("\n")
            continue
        if not sentence.strip():
            continue
        claim = _without(sentence, markers).strip()
        picks: dict[int, list[Chunk]] = {}  # marker start -> the chunks it cites
        want = set(head_terms(claim))  # once per sentence: a reply may carry many markers
        for m in markers:
            if m.invalid:
                removed.extend([f"[{ref}]" for ref in m.invalid] if m.cited else [m.text])
            # A long item is sent as several chunks: cite the one the claim is drawn from.
            picks[m.start] = [max(o, key=lambda c: len(want & text_terms(c.text)))
                              for o in m.cited]
        cited = list({c.chunk_id: c for chosen in picks.values() for c in chosen}.values())
        if not markers and not _checkable(claim):
            kept.append(sentence)  # "Fra referatet:", a heading: nothing to support
            continue
        if not cited:
            dropped.append(f"{claim} (no valid citation)")
            continue
        if _support(claim, cited) < SUPPORT or not _numbers_found(claim, cited):
            dropped.append(f"{claim} (not supported by the cited excerpt)")
            continue
        # Markers are rewritten as given to the model, so every kept one links to its item;
        # one already written in the sentence is not written again.
        written: set[str] = set()
        instead = []
        for m in markers:
            fresh = [t for t in dict.fromkeys(marker(c) for c in picks[m.start]) if t not in written]
            written.update(fresh)
            instead.append(" ".join(fresh))
        kept.append(_without(sentence, markers, instead))
        for chunk in cited:
            if (chunk.meeting_id, chunk.item) not in citations:
                citations[chunk.meeting_id, chunk.item] = to_citation(chunk, best_quote(chunk, claim))
    text = "".join(s if s == "\n" else s.strip() + " " for s in kept)
    text = re.sub(r"[ \t]+([.,;:])", r"\1", re.sub(r"[ \t]{2,}", " ", text))
    text = "\n".join(line.strip() for line in text.splitlines()).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    return CheckedAnswer(text=text, citations=list(citations.values()), removed=removed,
                         dropped=dropped)


def _without(sentence: str, markers: list[Marker], instead: list[str] | None = None) -> str:
    """The sentence with its markers cut out (the claim) or each replaced by its checked form."""
    out, at = [], 0
    for n, m in enumerate(markers):
        out += [sentence[at:m.start], instead[n] if instead else ""]
        at = m.end
    return "".join(out) + sentence[at:]


def _sentences(answer: str, chunks: list[Chunk]) -> list[tuple[str, list[Marker]]]:
    """The answer's sentences with their markers, each line break its own item so lines stay
    lines. Markers that open a piece ("... kapasitet. (sak 7, 16.04.2026) Neste ...") belong
    to the sentence before it."""
    out: list[tuple[str, list[Marker]]] = []
    for n, line in enumerate(answer.split("\n")):
        if n:
            out.append(("\n", []))
        pieces, start = [], 0
        for m in _END.finditer(line):
            pieces.append(line[start:m.end()])
            start = m.end()
        if line[start:].strip():
            pieces.append(line[start:])
        merged: list[tuple[str, list[Marker]]] = []
        for piece in pieces:
            markers = read_markers(piece, chunks)
            lead = 0  # the markers a piece starts with are the previous sentence's
            for mark in markers:
                if piece[lead:mark.start].strip(" .!?"):
                    break
                lead = mark.end
            if merged and lead:
                joined = merged[-1][0] + piece[:lead]
                merged[-1] = (joined, read_markers(joined, chunks))
                piece = piece[lead:]
                markers = read_markers(piece, chunks)
            if piece.strip(" .!?"):
                merged.append((piece, markers))
        out.extend(merged)
    return out


_AMOUNT = re.compile(r"\d{1,3}(?:[ .\u00a0]\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def _numbers(text: str) -> set[str]:
    """Numbers as values: "200 000", "200.000" and "200000" are one number."""
    return {re.sub(r"[ .\u00a0]", "", m.group(0)) for m in _AMOUNT.finditer(text)}


def _numbers_found(claim: str, cited: list[Chunk]) -> bool:
    """Every number a sentence states must be in an excerpt it cites: a wrong amount is the
    costliest error an answer about money can make."""
    want = _numbers(claim)
    return not want or want <= set().union(*(_numbers(c.text) for c in cited))


def _checkable_terms(claim: str) -> set[str]:
    """The words a cited excerpt must hold: numbers, names (capitalised inside the
    sentence) and content words; in an answer written in English over Norwegian minutes
    only the numbers and names can be checked, so only they are."""
    out: set[str] = set()
    tokens = re.findall(r"\w[\w/.,-]*\w|\w", claim)
    norwegian = any(zipf(w.lower()) >= 4 for w in tokens if w.isalpha()) and not _english(tokens)
    for n, token in enumerate(tokens):
        terms = word_terms(token.lower())
        if not terms:
            continue
        if token[0].isdigit() or (n > 0 and token[0].isupper()):
            out.add(terms[0])
        elif norwegian and zipf(token.lower()) < GRAMMAR_ZIPF:
            out.add(terms[0])
    return out


def _english(tokens: list[str]) -> bool:
    common = {"the", "and", "of", "to", "was", "were", "is", "are", "that", "with", "for", "on"}
    return sum(t.lower() in common for t in tokens) >= 2


def _checkable(claim: str) -> bool:
    return len(words(claim)) > 3 and not claim.rstrip().endswith(":")


def _support(claim: str, cited: list[Chunk]) -> float:
    want = _checkable_terms(claim)
    if not want:
        return 1.0
    have = set().union(*(set(t for w in words(c.text) for t in word_terms(w)) for c in cited))
    return len(want & have) / len(want)


def best_quote(chunk: Chunk, text: str) -> str:
    want = set(head_terms(text))
    candidates = units(chunk) or [chunk.text]
    best = max(candidates, key=lambda u: (len(want & set(head_terms(u))), -candidates.index(u)))
    return squash(best)


def to_citation(chunk: Chunk, quote: str) -> Citation:
    return Citation(meeting_id=chunk.meeting_id, meeting_date=chunk.meeting_date, body=chunk.body,
                    item=chunk.item, title=chunk.item_title, quote=quote)
