"""Offline drafting, step three of summarize without a model: per segment, the most central
sentences (TF-IDF centroid, MMR against near-duplicates) plus every turn that carries a
decision or a commitment, cleaned of fillers. Every bullet keeps the turn range it came from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from service.summarize.schema import Bullet, DraftItem
from service.summarize.text import (
    centroid,
    clean_speech,
    content_terms,
    cosine,
    idf_table,
    split_sentences,
    tfidf,
    tidy_sentence,
)
from service.summarize.topics import Segment, transition_cue
from service.transcripts import Transcript

DECISION = re.compile(
    r"\b(vi er (?:alle )?enige|er vi (?:alle )?enige|enighet om|enige om|(?:da )?konkluderer vi|"
    r"konklusjonen (?:er|blir)|vi konkluderer|godkjent|godkjennes|vedtatt|vedtas|vi vedtar|"
    r"vi bestemmer|bestemt at|besluttet|vi går for|vi lander på|til orientering|enstemmig|"
    r"agreed|we agree|(?:we|they) decided|decision is|we'?ll go with|let'?s go with|approved|"
    r"adopted|resolved|the conclusion is|we conclude|so that'?s settled)\b", re.I,
)
COMMITMENT = re.compile(
    r"\b(vi tar (?:det|den|ansvar)|jeg tar (?:det|den|ansvar|på meg)|jeg sender|vi sender|"
    r"jeg skal|vi skal sende|sekretariatet (?:skal|tar|sender|følger|lager|forbereder)|vi følger opp|"
    r"jeg følger opp|følger opp|jeg ordner|jeg lager|jeg setter opp|vi setter opp|"
    r"jeg kaller inn|tar ansvar for|jeg kan ta|(?:jeg|vi) tar kontakt|i will|i'll|we will|we'll|i'm going to|"
    r"i can send|will send|will prepare|will (?:check|look into|follow up)|action item)\b", re.I,
)
ITEM_CUE = re.compile(r"\b(?:går (?:vi )?(?:videre |over |rett )?til (?:sak|ps|punkt|neste)|"
                      r"tar (?:vi )?sak|(?:starter|begynner) (?:vi )?med (?:sak|ps|punkt)|start with|(?:til|på) (?:sak|ps|punkt) \d|"
                      r"(?:move|moving|go) on to|turn to) ", re.I)
_PROCEDURAL = re.compile(
    r"\b(hører (?:dere|du) meg|hører dere|på mute|dele skjerm|deler skjerm|ser dere (?:skjermen|"
    r"presentasjonen)|er alle (?:her|på)|hear me|can you see|on mute|you'?re muted|share my "
    r"screen|sharing my screen|next slide|neste lysark|neste bilde)\b", re.I,
)


_WEAK_DECISION = re.compile(r"\b(godkjent|godkjennes|vedtatt|vedtas|approved|adopted)\b", re.I)


@dataclass
class Sentence:
    """One sentence of one turn: the unit that segmentation cuts between and drafting picks."""

    unit: int
    turn: int
    speaker: str
    text: str
    terms: list[str]
    informative: bool  # enough content words to stand as a bullet
    vec: dict[str, float] = field(default_factory=dict)
    lead: str = ""  # the sentences around it in the same turn, for a bare "Da er vi enige."
    follow: str = ""


def sentences_of(transcript: Transcript, lang: str) -> list[Sentence]:
    out: list[Sentence] = []
    for turn in transcript.turns:
        prev = ""
        for raw in split_sentences(clean_speech(turn.text)) or [turn.text]:
            text = tidy_sentence(raw) or raw
            terms = content_terms(text, lang)
            informative = len(terms) >= 3 or bool(DECISION.search(text))
            if out and out[-1].turn == turn.index:
                out[-1].follow = text
            out.append(Sentence(len(out), turn.index, turn.speaker, text, terms, informative,
                                lead=prev))
            prev = text
    idf = idf_table([s.terms for s in out if s.informative])
    for s in out:
        s.vec = tfidf(s.terms, idf)
    return out


def is_decision(s: Sentence) -> bool:
    """A decision is stated, not asked; "vedtatt" in a long sentence is usually background."""
    if s.text.endswith("?") or not DECISION.search(s.text):
        return False
    strong = DECISION.search(_WEAK_DECISION.sub("", s.text))
    return bool(strong) or len(s.text.split()) <= 12


def _attribute(sentence: Sentence) -> str:
    """Action items name who committed: "Jeg sender ..." becomes "Målfrid Baik sender ..."."""
    text = sentence.text
    m = re.match(r"^(jeg|i)(?:'ll| will)?\s+", text, re.I)
    if m and sentence.speaker and sentence.speaker != "Ukjent":
        verb = " will " if "ll" in m.group(0).lower() or "will" in m.group(0).lower() else " "
        return f"{sentence.speaker}{verb}{text[m.end():]}"
    if sentence.speaker and sentence.speaker != "Ukjent":
        return f"{sentence.speaker}: {text}"
    return text


def _with_context(s: Sentence, sentences: Sequence[Sentence], pos: int, lang: str) -> Bullet:
    """A bare decision ("Da tror jeg vi er enige.") carries the statement it settles: the
    next sentence of the same turn, else the one before, else the previous turn's."""
    if len(s.terms) >= 5:
        return Bullet(text=s.text, turns=(s.turn, s.turn))
    for other in (s.follow, s.lead):
        if other and not other.endswith("?") and len(content_terms(other, lang)) >= 4 \
                and not (transition_cue(other) or ITEM_CUE.search(other)):
            joined = f"{s.text} {other}" if other == s.follow else f"{other} {s.text}"
            return Bullet(text=joined, turns=(s.turn, s.turn))
    if pos > 0:
        before = sentences[pos - 1]
        return Bullet(text=f"{before.text} {s.text}", turns=(before.turn, s.turn))
    return Bullet(text=s.text, turns=(s.turn, s.turn))


def _dedupe(bullets: list[Bullet], keep: Sequence[Bullet], lang: str) -> list[Bullet]:
    """Drop bullets whose words are mostly already said by a kept (or earlier) bullet."""
    seen = [set(content_terms(b.text, lang)) for b in keep]
    out = []
    for b in bullets:
        terms = set(content_terms(b.text, lang))
        if terms and any(len(terms & other) / len(terms) >= 0.6 for other in seen):
            continue
        seen.append(terms)
        out.append(b)
    return out


def rank(sentences: Sequence[Sentence]) -> list[float]:
    """Centrality to the segment's centroid, favouring full statements over fragments."""
    center = centroid(s.vec for s in sentences)
    scores = []
    for s in sentences:
        score = cosine(s.vec, center) * min(1.0, len(s.terms) / 8)
        if s.text.endswith("?"):
            score *= 0.6  # minutes record positions, not the questions that prompted them
        if len(s.terms) > 30:
            score *= 0.8
        if _PROCEDURAL.search(s.text):
            score *= 0.1
        if transition_cue(s.text) or ITEM_CUE.search(s.text):
            score *= 0.3  # "Da går vi videre til sak fire" announces, it does not summarise
        scores.append(score)
    return scores


def select(sentences: Sequence[Sentence], scores: Sequence[float], k: int, *,
           taken: Sequence[Sentence] = (), lam: float = 0.75, dup: float = 0.5,
           shortlist: int = 80) -> list[int]:
    """Maximal marginal relevance over the best-scored shortlist: central, but unlike what
    is already chosen; a near-duplicate (cosine >= `dup`) is never chosen."""
    pool = sorted((i for i in range(len(sentences)) if scores[i] > 0),
                  key=lambda i: -scores[i])[:shortlist]
    nearest = {i: max((cosine(sentences[i].vec, t.vec) for t in taken), default=0.0) for i in pool}
    chosen: list[int] = []
    while pool and len(chosen) < k:
        best = max(pool, key=lambda i: lam * scores[i] - (1 - lam) * nearest[i])
        pool.remove(best)
        if nearest[best] >= dup:
            continue
        chosen.append(best)
        for i in pool:
            nearest[i] = max(nearest[i], cosine(sentences[i].vec, sentences[best].vec))
    return chosen


def _contribution(s: Sentence, sentences: Sequence[Sentence], max_words: int = 35) -> str:
    """A short turn is one contribution ("Dette er en sterk sak. Alle står bak den."): keep it
    whole; from a long turn keep only the chosen sentence."""
    same = [x.text for x in sentences if x.turn == s.turn]
    whole = " ".join(same)
    return whole if len(same) > 1 and len(whole.split()) <= max_words else s.text


def bullet_budget(sentences: Sequence[Sentence]) -> int:
    """Minutes give roughly one point per substantive contribution: the budget follows the
    number of informative turns (and long monologues a little), within what a reader takes."""
    turns = len({s.turn for s in sentences})
    return max(2, min(10, round(0.6 * turns + 0.1 * len(sentences))))


def per_turn(sentences: Sequence[Sentence], scores: Sequence[float]) -> list[float]:
    """A turn's best sentence keeps its score, its others are halved: one speaker's long
    introduction should not crowd out the points the others made."""
    best: dict[int, float] = {}
    for s, score in zip(sentences, scores, strict=True):
        best[s.turn] = max(best.get(s.turn, 0.0), score)
    return [score if score >= best[s.turn] else 0.5 * score
            for s, score in zip(sentences, scores, strict=True)]


def draft_segment(segment: Segment, sentences: Sequence[Sentence], lang: str) -> DraftItem:
    if segment.start is None or segment.end is None:
        return DraftItem(number=segment.number, title=segment.title, turns=None)
    item = DraftItem(number=segment.number, title=segment.title,
                     turns=(sentences[segment.start].turn, sentences[segment.end].turn))
    mine = [s for s in sentences[segment.start: segment.end + 1] if s.informative]
    if not mine:
        return item
    scores = rank(mine)
    decided = [i for i, s in enumerate(mine) if is_decision(s)]
    committed = [i for i, s in enumerate(mine) if COMMITMENT.search(s.text)
                 and not _PROCEDURAL.search(s.text) and len(s.terms) >= 3]
    decisions = [mine[i] for i in select(mine, [scores[i] + 1 if i in decided else 0
                                               for i in range(len(mine))], 4)]
    actions = [mine[i] for i in select(mine, [scores[i] + 1 if i in committed else 0
                                             for i in range(len(mine))], 4, taken=decisions)]
    picked = select(mine, per_turn(mine, scores), bullet_budget(mine), taken=decisions + actions)
    item.decisions = _dedupe([_with_context(s, mine, mine.index(s), lang)
                              for s in sorted(decisions, key=mine.index)], [], lang)
    item.actions = _dedupe([Bullet(text=_attribute(s), turns=(s.turn, s.turn), speaker=s.speaker)
                            for s in sorted(actions, key=mine.index)], item.decisions, lang)
    item.bullets = _dedupe([Bullet(text=_contribution(mine[i], mine), turns=(mine[i].turn, mine[i].turn))
                            for i in sorted(picked)], item.decisions + item.actions, lang)
    return item


def overview(items: Sequence[DraftItem], segments: Sequence[Segment],
             sentences: Sequence[Sentence], *, max_words: int, lang: str) -> str:
    """Prose for a newsletter: the items in order, then each item's most central sentences
    (round-robin, so every item gets a say) until `max_words`."""
    named = [i for i in items if i.turns is not None]
    titles = "; ".join(i.title for i in named)
    intro = (f"The meeting covered {len(named)} items: {titles}." if lang == "en"
             else f"Møtet behandlet {len(named)} saker: {titles}.")
    if len(intro.split()) > max_words // 2:
        intro = (f"The meeting covered {len(named)} items." if lang == "en"
                 else f"Møtet behandlet {len(named)} saker.")
    queues: list[list[tuple[int, str]]] = []
    for item, segment in zip(items, segments, strict=True):
        if segment.start is None or segment.end is None:
            continue
        mine = [s for s in sentences[segment.start: segment.end + 1] if s.informative]
        scores = rank(mine)
        order = select(mine, scores, 6)
        ranked = [(mine[i].turn, mine[i].text) for i in order]
        conclusion = [(b.turns[0], b.text) for b in item.decisions[:1]]
        queues.append(list(dict.fromkeys(ranked[:1] + conclusion + ranked[1:])))
    used = len(intro.split())
    picked: list[tuple[int, int, str]] = []
    for depth in range(6):
        for q, queue in enumerate(queues):
            if depth < len(queue):
                turn, text = queue[depth]
                if used + len(text.split()) <= max_words:
                    picked.append((q, turn, text))
                    used += len(text.split())
    body = " ".join(text for _, _, text in sorted(picked))
    return f"{intro} {body}".strip() if picked else intro
