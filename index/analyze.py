"""The one analyzer: text -> index terms. The lexical index and every query use it, so a word
is normalised the same way wherever it is compared.

Per word: lower case, accents folded, function words dropped; then the bokmål lemma
(simplemma: "vedtok"/"vedtatt" -> "vedta", "valgt" -> "velge") and the Snowball stem of the
lemma. Compounds, which Norwegian writes as one word, are split against wordfreq's bokmål
lexicon and their parts added after the whole word ("ungdomsskoleutredningen" -> the whole,
then ungdom, skole, utredning), so "skoleutredningen" in a question finds it. Nothing here
knows any document: the lexicon and the lemmas are general Norwegian.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from index.stem import stem

_WORD = re.compile(r"[0-9a-zæøåäöéü]+(?:[.,/][0-9]+)*", re.IGNORECASE)
_STOPWORDS_FILE = Path(__file__).resolve().parent / "data" / "stopwords.txt"
# The dictionary's abbreviations ("daa" for dekar, "mill" for million): built by
# scripts/build_abbreviations.py.
ABBREVIATIONS = Path(__file__).resolve().parent / "data" / "abbreviations_nb.tsv"
# Raised whenever a word's terms change, so that indexes written before are rebuilt.
ANALYZER_VERSION = 6
# Accents vary in Norwegian spelling ("komité"/"komite"); Swedish letters turn up in names.
_FOLD = str.maketrans("éèêëáàâóòôúùûíìîäöü", "eeeeaaaooouuuiiiæøy")

# Compound splitting. A part must be a real word of some currency (Zipf >= 2.5: about three times
# in ten million words) so that rare strings ("ogn", "dals") are not taken for words; parts shorter
# than 3 letters are never split off. Linking letters "s" and "e" join parts
# ("arbeid-s-plass", "barn-e-hage").
MIN_COMPOUND = 8
MIN_PART = 3
MIN_HEAD = 4
PART_ZIPF = 2.5
_LINKS = ("s", "e", "")
_VOWELS = frozenset("aeiouyæøå")
# A word this common is a word in its own right ("utvikling" is not "utvik" + "ling",
# "kommunestyre" is its own concept); only rarer compounds are split.
WHOLE_ZIPF = 4.0
SHORT_HEAD = 4  # a head this short ("ring", "skap") is only split off a rare word
RARE_ZIPF = 3.0
# How much more common a word must be without a final s for the s to be a genitive.
GENITIVE_ZIPF = 1.0
# Verbal nouns: "evaluering" is the act of "evaluere", "godkjennelse" of "godkjenne". The
# lemma list keeps noun and verb apart; the verb's stem is added to the noun's forms when
# the lexicon knows the verb. A verb stem this short is never joined ("næring" is not the act
# of "nære", nor "stilling" of "stille"): short stems are shared by unrelated words.
_NOMINAL = ("else", "ning", "ing")
MIN_VERB_STEM = 6


@lru_cache
def stopwords() -> frozenset[str]:
    words: set[str] = set()
    for line in _STOPWORDS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


@lru_cache
def _abbreviations() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in ABBREVIATIONS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            short, _, word = line.partition("\t")
            out[short] = word
    return out


@lru_cache
def _lexicon() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("nb")


def zipf(word: str) -> float:
    """General-language frequency of a word on the Zipf scale (0 unknown, 7 "og")."""
    import math

    freq = _lexicon().get(word.lower(), 0.0)
    return math.log10(freq * 1e9) if freq > 0 else 0.0


@lru_cache(maxsize=262144)
def _lemma(word: str) -> str:
    if word[0].isdigit():
        return word
    import simplemma

    # The lemma list writes some accents the word did not have ("komiteen" -> "komité"):
    # folded again, so every spelling of a word meets every other.
    return str(simplemma.lemmatize(word, lang="nb")).lower().translate(_FOLD)


def lemma(word: str) -> str:
    """A word's dictionary form: "vedtok" -> "vedta", "utgiftene" -> "utgift"."""
    folded = word.lower().translate(_FOLD)
    return _lemma(folded) if folded else folded


def _is_part(word: str) -> bool:
    return len(word) >= MIN_PART and zipf(word) >= PART_ZIPF


def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a compound, each a lexicon word ("arbeidsplass" -> arbeid, plass), or ()
    when the word is short or splits into nothing known. The split whose weakest part is
    the most frequent wins, which prefers "ungdom+skole" over "ung+domsskole"."""
    return _split(word)[0]


def _first_split(word: str) -> tuple[str, ...]:
    """The compound's first split, a left part that is itself a compound kept whole
    ("trygghetsvertressurs" -> trygghetsvert, ressurs): a question may name that part alone
    ("trygghetsverter"), which no lexicon lists."""
    return _split(word)[1]


@lru_cache(maxsize=262144)
def _split(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if len(word) < MIN_COMPOUND or not word.isalpha() or zipf(word) >= WHOLE_ZIPF:
        return (), ()
    best: tuple[float, tuple[str, ...], tuple[str, ...]] = (0.0, (), ())
    for left, head in _splits(word):
        head_lemma = _lemma(head)
        if not (_is_part(head) or _is_part(head_lemma)):
            continue
        if len(head) <= SHORT_HEAD and zipf(word) >= RARE_ZIPF:
            continue  # "parkering" is not park + ring
        for link in _LINKS:
            if link and not left.endswith(link):
                continue
            root = left[: len(left) - len(link)] if link else left
            parts: tuple[str, ...]
            if _is_part(root):
                parts = (root,)
            else:
                parts = split_compound(root)
                if not parts:
                    continue
            last = head_lemma if _is_part(head_lemma) else head
            weakest = min(zipf(p) for p in (*parts, last))
            # Fewer parts first: a two-part split beats a three-part one of the same strength.
            score = weakest - 0.5 * len(parts)
            if score > best[0]:
                best = (score, (*parts, last), (root, last))
    return best[1], best[2]


def _splits(word: str) -> list[tuple[str, str]]:
    """Every place a compound may join. Norwegian writes a consonant that would come three
    times only twice ("stoff" + "fabrikk" = "stoffabrikk", "buss" + "stasjon" =
    "busstasjon"), so after a doubled consonant the head may take the consonant back."""
    out = []
    for i in range(MIN_PART, len(word) - MIN_HEAD + 1):
        out.append((word[:i], word[i:]))
        if word[i - 1] == word[i - 2] and word[i - 1] not in _VOWELS and word[i] != word[i - 1]:
            out.append((word[:i], word[i - 1] + word[i:]))
    return out


@dataclass(frozen=True)
class WordForms:
    """One word's index terms, told apart: the forms of the word itself, then its parts."""
    forms: tuple[str, ...]  # the stemmed lemma first; the word's own stem when it differs
    parts: tuple[str, ...]  # compound parts' terms, every level

    @property
    def terms(self) -> tuple[str, ...]:
        return (*self.forms, *self.parts)


@lru_cache(maxsize=262144)
def word_forms(word: str) -> WordForms:
    folded = word.translate(_FOLD)
    if folded in stopwords() or word in stopwords():
        return WordForms((), ())
    lemma = _lemma(folded)
    forms = [stem(lemma)]
    # The lemmatizer reads some nouns as verbs ("rammen" -> ramme, "ramme" -> ram); the
    # word's own stem, added when it differs, lets either form meet the other.
    own = stem(folded)
    if own != forms[0]:
        forms.append(own)
    # A name's genitive ("NTEs", "NAVs"): no lemma list knows the name and the stemmer keeps
    # the s. Where the word without it is far more common, the s is a genitive ("kurs" and
    # "kors" are words of their own: "kur" and "kor" are rarer), and that form is added.
    if (len(folded) >= 3 and folded.endswith("s") and folded[-2] != "s" and own == folded
            and zipf(folded[:-1]) >= zipf(folded) + GENITIVE_ZIPF
            and (bare := stem(folded[:-1])) not in forms):
        forms.append(bare)
    if (verb := _verb_of(lemma)) and verb not in forms:
        forms.append(verb)
    # The minutes write "800 daa", "1,4 mill.", "25 pst."; a question writes the word the
    # abbreviation stands for, and either must meet the other.
    if (meant := _abbreviations().get(folded)) and (term := stem(_lemma(meant))) not in forms:
        forms.append(term)
    parts: list[str] = []
    # The lemmatizer guesses at compounds it does not know ("sprengstoffabrikken" ->
    # "sprengstoffabrikke"); the word as written may split where the guess does not. A
    # lemma the lexicon knows is no guess: "næringen" is "næring", not "nær" + "ingen".
    for part in _all_parts(_split_form(lemma, folded)):
        term = stem(part)
        if term not in forms and term not in parts and part not in stopwords():
            parts.append(term)
    return WordForms(tuple(forms), tuple(parts))


def _split_form(lemma: str, written: str) -> str:
    """Which form of a word to split: the lemma, unless the lexicon does not know it (a
    guess) and the word as written splits better, its weakest part more common
    ("trygghetsverter": the guess "trygghetsverte" splits as trygghet + sverte, the written
    word as trygghet + verter)."""
    if zipf(lemma) or lemma == written:
        return lemma
    guessed, own = split_compound(lemma), split_compound(written)
    if not own:
        return lemma
    if not guessed or min(map(zipf, own)) > min(map(zipf, guessed)):
        return written
    return lemma


# The particles of Norwegian phrasal verbs, which the noun of the act takes as a prefix:
# "leie ut" / "utleie", "kjøpe inn" / "innkjøp", "legge ned" / "nedleggelse".
PARTICLES = frozenset({"ut", "inn", "opp", "ned", "av", "fram", "frem", "bort", "over",
                       "igjen", "tilbake", "sammen"})


def particle_verb(verb: str, particle: str) -> str | None:
    """The term of a phrasal verb written as one word ("leid" + "ut" -> the term of
    "utleie"), or None when `particle` is none. A consonant that would come three times is
    written twice ("opp" + "pusse" -> "oppusse")."""
    if particle not in PARTICLES or not verb.isalpha():
        return None
    base = lemma(verb)
    joined = particle + (base[1:] if base[:1] == particle[-1:] and base[:1] not in _VOWELS
                         and particle[-2:-1] == particle[-1:] else base)
    return stem(joined)


def _verb_of(noun: str) -> str | None:
    """The stem of the verb a verbal noun names ("behandling" -> behandl, "godkjenning" ->
    godkjenn), or None."""
    for suffix in _NOMINAL:
        if len(noun) < MIN_VERB_STEM + len(suffix) or not noun.endswith(suffix):
            continue
        verb = noun[: -len(suffix)] + "e"
        term = stem(verb)
        # "-ering" is always the act of an "-ere" verb ("rebudsjettering"), known or not.
        known = noun.endswith("ering") or _is_part(verb) and _lemma(verb) == verb
        if len(term) >= MIN_VERB_STEM and known:
            return term
    return None


@lru_cache(maxsize=262144)
def word_terms(word: str) -> tuple[str, ...]:
    """Index terms of one lower-cased word: its stemmed lemma, then its compound parts'."""
    return word_forms(word).terms


def _all_parts(word: str) -> list[str]:
    """Parts at every level: "ungdomsskoleutredning" gives ungdomsskole and utredning, and
    ungdomsskole gives ungdom and skole."""
    out: list[str] = []
    for part in _first_split(word):
        if part not in out:
            out.append(part)
        out.extend(p for p in _all_parts(part) if p not in out)
    return out


def words(text: str) -> list[str]:
    """The lower-cased words of a text; numbers like '1/26' and '2,50' stay whole."""
    return [m.group(0).lower() for m in _WORD.finditer(text)]


def analyze(text: str) -> list[str]:
    """Index terms of a text, in order; the same function for documents and questions."""
    out: list[str] = []
    for word in words(text):
        out.extend(word_terms(word))
    return out


def head_terms(text: str) -> list[str]:
    """One term per word (the whole word's, no compound parts): for judging how much of a
    question a passage holds, where parts would count a compound several times."""
    return [t[0] for w in words(text) if (t := word_terms(w))]
