"""Word-level helpers shared by segmentation, offline drafting and the summary evals:
filler cleaning, sentence splitting, content terms (stemmed) and language detection.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from index.analyze import stopwords
from index.stem import stem

_WORD = re.compile(r"[0-9a-zæøåäöéü]+(?:['’][a-z]+)?", re.IGNORECASE)
# Spoken-language words that carry no topic: backchannels, discourse markers, fillers.
SPOKEN_STOP = frozenset(
    """eh ehm øh øhm hm hmm mm mhm mmm ehh uh um uhm umm erm ah oh ok okay okei oki ja jaha
    jo nei nå altså liksom sånn ting tingen litt veldig gjerne kanskje bare helt egentlig
    tror synes mener sier si sa sagt får fått gå går gjøre gjør gjort vet vite tenker
    yeah yes yep no nope right alright well like just really think know mean sort kind
    thing things lot gonna wanna got get go going say said thank thanks takk tusen
    god greit fint flott også ganske dere hei hallo hello hi""".split()
)
_NB_MARKERS = frozenset(
    "og det er som på ikke til en jeg vi at har med for av den så skal kan vil de om".split()
)
_EN_MARKERS = frozenset(
    "the and is that to of we it you this have for with are be on not they was what".split()
)
# Fillers removed from the running text; multi-word ones first so "you know" goes whole.
_FILLERS = [
    r"på en måte", r"hva skal jeg si", r"ikke sant", r"vet du", r"you know", r"i mean",
    r"sort of", r"eh+m*", r"øh+m*", r"ehm+", r"mhm", r"m+h*m+", r"h+m+", r"uh+m*", r"um+",
    r"erm", r"altså", r"liksom",
]
_FILLER_RE = re.compile(r"(?<![\wæøå])(?:" + "|".join(_FILLERS) + r")(?![\wæøå])[,.]?", re.I)
_LEAD_RE = re.compile(
    r"^(?:(?:ja|jo|nei|ok|okei|okay|oki|så|men ja|yeah|yes|well|so|right|alright|and|og|"
    r"mm|oh|ah|altså)\s*[,.!]?\s+)+", re.I,
)
_TAG_RE = re.compile(r"<[^<>]{1,60}>|\[(?:laugh|noise|inaudible|unintelligible|crosstalk)[^\]]*\]", re.I)
_STUTTER_RE = re.compile(r"(?<![\wæøå])([\wæøå]+)(?:,?\s+\1)+(?![\wæøå])", re.I)
_CUTOFF_RE = re.compile(r"(?<![\wæøå])[\wæøå]{1,12}-,(?=\s)", re.I)  # "micro-, microphone"
# A sentence starts with a capital: "Den 12. mai" and "bl.a. noe" stay whole; all-lowercase
# transcripts (ELITR) keep one utterance per line instead.
_SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[\"«(]?[A-ZÆØÅ])")


def clean_speech(text: str) -> str:
    """Remove fillers, non-speech tags, stutters and cut-off words; keep everything else."""
    text = _TAG_RE.sub(" ", text)
    text = re.sub(r"\s+([.,!?;:])", r"\1", text)  # AMI writes "okay ." with a space
    text = _FILLER_RE.sub(" ", text)
    text = _CUTOFF_RE.sub(" ", text)
    text = _STUTTER_RE.sub(r"\1", text)
    text = re.sub(r"\s*-\s*$", "", text)  # an interrupted turn ends in a dash
    text = re.sub(r"\s+", " ", text).strip(" ,;")
    text = re.sub(r"([,.])(?:\s*[,.])+", r"\1", text)
    return text


def tidy_sentence(text: str) -> str:
    """Drop leading discourse markers, capitalise and end with a full stop."""
    text = _LEAD_RE.sub("", text.strip()).strip(" ,;-–")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?…":
        text += "."
    return text


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT_SPLIT.split(text) if s.strip()]


def words(text: str) -> list[str]:
    return [m.group(0).lower() for m in _WORD.finditer(text)]


def is_stop(word: str) -> bool:
    return word in stopwords() or word in SPOKEN_STOP or len(word) < 2


def content_terms(text: str, lang: str = "nb") -> list[str]:
    """Stemmed content words: the unit of every similarity in the summarizer."""
    return [stem(w, lang) for w in words(text) if not is_stop(w) and not w.isdigit()]


def detect_language(texts: Iterable[str]) -> str:
    """'nb' or 'en' from function-word counts; Norwegian letters tip a tie."""
    nb = en = 0
    for text in texts:
        for w in words(text):
            nb += w in _NB_MARKERS or any(c in w for c in "æøå")
            en += w in _EN_MARKERS
    return "en" if en > nb else "nb"


def idf_table(docs: Sequence[Sequence[str]]) -> dict[str, float]:
    n = len(docs)
    df = Counter(term for doc in docs for term in set(doc))
    return {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}


def tfidf(terms: Sequence[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(terms)
    vec = {t: (1 + math.log(c)) * idf.get(t, 1.0) for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def centroid(vectors: Iterable[dict[str, float]]) -> dict[str, float]:
    total: Counter[str] = Counter()
    for vec in vectors:
        total.update(vec)
    norm = math.sqrt(sum(v * v for v in total.values())) or 1.0
    return {t: v / norm for t, v in total.items()}
