"""One sentence → a commitment (who does what), from how Norwegian minutes phrase them.

rules.py calls `find_commitment` on every adopted sentence of an item. Patterns run from
the most explicit ("ber sekretariatet om å ...") to the most implicit (a passive like
"... tas opp som egen sak på neste møte"); the first that fits wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

W = r"[\wæøåÆØÅ-]"
# Heads of noun phrases that can do things: roles, bodies, groups (and participants' names).
_ACTOR = re.compile(
    r"(sekretariat|administrasjon|direktør|rådmann|ordfører|leder|styre|utvalg|råd$|rådet|gruppe"
    r"|representant|medlem|kommune|sjef|konsulent|sekretær|koordinator|komit|kontor|enhet"
    r"|avdeling|region|forum|partene|^vi$|^alle$|^kg$|ipr|nav|skapet)",
    re.I,
)
_PRONOUNS = {"den", "det", "dette", "disse", "de", "han", "hun", "man", "denne", "hvem", "som"}
_CLAUSE_WORDS = {"som", "at", "hvordan", "hva", "hvor", "når", "hvis", "om", "der", "fordi",
                 "men", "derfor", "så", "da", "selv", "etter", "før", "ikke", "er", "var", "ble"}
_REPORTING = re.compile(r"\b(?:vise|viste|vist|vises)\s+til\b|\b(?:informerte|orienterte|fortalte"
                        r"|redegjorde|opplyste|refererte)\b", re.I)
_DOC_HEADS = ("sak", "redegjørelse", "orientering", "utredning", "oversikt", "notat", "forslag",
              "plan", "rapport", "evaluering", "vurdering", "presentasjon", "status", "informasjon",
              "analyse", "kartlegging", "beskrivelse")
_ANSWER_HEADS = ("svar", "tilbakemelding", "uttalelse", "avklaring")
_MEETING_HEADS = ("møte", "samtale", "befaring", "besøk")
_PASSIVE = (r"tas\s+(?:det\s+)?(?:opp|med)|følges\s+(?:det\s+)?opp"
            r"|legges\s+(?:det\s+)?(?:fram|frem|ut|opp)|sendes(?:\s+(?:det\s+)?(?:inn|ut|tilbake"
            r"|videre))?|settes\s+(?:det\s+)?(?:opp|ned|på)|utarbeides|utredes|opprettes|nedsettes"
            r"|igangsettes|iverksettes|gjennomføres|arrangeres|innkalles|kalles\s+inn"
            r"|tilgjengeliggjøres|videresendes|videreformidles|oversendes|distribueres|publiseres"
            r"|meldes\s+(?:inn|tilbake)|innhentes|fremmes|bestilles|kartlegges|evalueres"
            r"|planlegges|forberedes|avklares|koordineres")
_PRESENT = (r"utarbeider|sender|følger\s+opp|legger\s+(?:fram|frem)|kaller\s+inn|innkaller"
            r"|arrangerer|tar\s+kontakt|kontakter|sørger\s+for|utreder|forbereder|setter\s+(?:opp|ned)"
            r"|oppnevner|innstiller|kommer\s+tilbake|undersøker|sjekker|rapporterer|distribuerer"
            r"|publiserer|koordinerer|avklarer|innhenter|oversender|tar\s+opp|lager|skriver"
            r"|planlegger|melder\s+(?:inn|tilbake)|gir\s+(?:tilbakemelding|svar)|går\s+gjennom"
            r"|ser\s+på|tar\s+med|inviterer\s+til")


@dataclass(frozen=True)
class Commitment:
    task: str
    owner: str | None = None
    # Who does it when the sentence does not say: "preparer" (secretariat, administration)
    # or "body" (the meeting's own members, e.g. "forslag sendes inn til Arild").
    owner_hint: str = "preparer"


@dataclass(frozen=True)
class Context:
    names: frozenset[str] = field(default_factory=frozenset)  # participants, first names too


def find_commitment(sentence: str, ctx: Context, *, prev: str | None = None) -> Commitment | None:
    s = re.sub(r"\s+", " ", sentence).strip(" .;")
    for rule in _RULES:
        found = rule(s, ctx, prev)
        if found is not None and len(found.task) >= 3:
            return found
    return None


def is_actor(np: str, ctx: Context) -> bool:
    words = np.split()
    if not 1 <= len(words) <= 6 or words[0].lower() in _PRONOUNS:
        return False
    if any(w.lower() in _CLAUSE_WORDS for w in words):
        return False
    return bool(_ACTOR.search(words[-1]) or _ACTOR.search(words[0]) or set(words) & ctx.names)


def _task(text: str) -> str:
    text = re.sub(r"^(?:å|at)\s+", "", re.sub(r"\s+", " ", text).strip())
    return text.strip(" .;:,")


def _owner(np: str | None) -> str | None:
    if not np:
        return None
    np = np.strip(" ,.")
    return np[:1].upper() + np[1:] if np else None


def _infinitive(verb: str) -> str:
    """Passive or present form to infinitive: "tas opp" → "ta opp", "sender" → "sende"."""
    head, _, particle = verb.partition(" ")
    head = head[:-1] if head.endswith(("s", "r")) else head
    return f"{head} {particle}".strip()


def _label(s: str, ctx: Context, prev: str | None) -> Commitment | None:
    m = re.match(r"(?:oppfølging|tiltak|aksjon|action|oppgave)\s*:\s*(?P<rest>.+)", s, re.I)
    if not m:
        return None
    return find_commitment(m["rest"], ctx) or Commitment(task=_task(m["rest"]))


def _request_that(s: str, ctx: Context, prev: str | None) -> Commitment | None:
    m = re.search(r"\b(?:ber|ba)\s+(?:derfor\s+|også\s+)?om\s+at\s+(?P<clause>.+)", s, re.I)
    if not m:
        return None
    return find_commitment(m["clause"], ctx) or Commitment(task=_task(m["clause"]))


def _request_addressed(s: str, ctx: Context, prev: str | None) -> Commitment | None:
    m = re.search(rf"\b(?:ber|ba|bad)\s+(?P<who>(?!om\b){W}+(?:\s+(?!om\b|å\b){W}+){{0,3}}?)"
                  r"\s+(?:om\s+)?(?:å\s+)?(?P<task>[a-zæøå].+)", s)
    if not m or not is_actor(m["who"], ctx):
        return None
    return Commitment(task=_task(m["task"]), owner=_owner(m["who"]))


def _request_object(s: str, ctx: Context, prev: str | None) -> Commitment | None:
    m = re.search(r"\b(?:ber|ba|bes\s+det|ønsker|ønsket)\s+(?:derfor\s+|også\s+)?(?:om\s+)?"
                  r"(?:å\s+få\s+)?(?:(?:fremlagt|framlagt|lagt\s+fram|lagt\s+frem|tilsendt)\s+)?"
                  rf"(?P<obj>(?:(?:en|et|ei|ny|nytt|egen|eget|snarlig|skriftlig)\s+){{0,2}}(?P<head>{W}+).*)",
                  s, re.I)
    if not m:
        return None
    head, obj = m["head"].lower(), _task(m["obj"])
    if head.startswith(_DOC_HEADS) or head.endswith(("sak", "notat", "plan", "rapport")):
        return Commitment(task=f"legge fram {obj}")
    if head.startswith(_ANSWER_HEADS):
        about = f": {_task(prev)}" if prev else ""  # "ber om svar" answers the sentence before
        return Commitment(task=f"gi {obj}{about}")
    if head.endswith(_MEETING_HEADS):
        return Commitment(task=f"avtale {obj}")
    return None


def _asked(s: str, ctx: Context, prev: str | None) -> Commitment | None:
    m = re.search(r"^(?P<pre>.*?)\b(?P<verb>bes|anmodes|oppfordres|bedt|oppfordret|anmodet)\s+"
                  r"(?:om\s+|til\s+)?(?:å\s+)?(?P<task>[a-zæøå].+)", s)
    if not m:
        return None
    if not m["verb"].endswith("s") and not re.search(r"\b(?:ble|er|blir)\b", m["pre"]):
        return None  # "X har bedt om innspill": X asked, the others are to answer
    who = re.split(r"\b(?:ble|er|blir)\s+", m["pre"])[-1]
    who = re.sub(r"\s+(?:ble|er|blir|har\s+blitt)$", "", who.strip())
    return Commitment(task=_task(m["task"]), owner=_owner(who) if is_actor(who, ctx) else None,
                      owner_hint="body")


def _assigned(s: str, ctx: Context, prev: str | None) -> Commitment | None:
    m = re.match(r"(?P<who>.+?)\s+(?:(?:får|fikk|gis|ble\s+gitt)\s+(?:i\s+oppdrag|fullmakt|ansvar(?:et)?"
                 r"|mandat)|(?:tar|tok|har)\s+ansvar(?:et)?|påtar\s+seg|påtok\s+seg)\s+"
                 r"(?:til\s+|for\s+|med\s+)?(?:å\s+)?(?P<task>.+)", s, re.I)
    if not m or not is_actor(m["who"], ctx):
        return None
    return Commitment(task=_task(m["task"]), owner=_owner(m["who"]))


def _next_step(s: str, ctx: Context, prev: str | None) -> Commitment | None:
    m = re.search(r"\bneste\s+steg\s+(?:er|blir|vil\s+være)\s+(?P<task>.+)", s, re.I)
    return Commitment(task=_task(m["task"])) if m else None


def _agreed(s: str, ctx: Context, prev: str | None) -> Commitment | None:
    m = re.search(r"\b(?:enighet|enige|avtalt|besluttet|bestemt)\s+(?:om\s+)?å\s+(?P<task>.+)", s, re.I)
    if m:
        return Commitment(task=_task(m["task"]))
    m = re.search(r"\b(?:enighet\s+om|enige\s+om|avtalt|besluttet|bestemt)\s+at\s+(?P<c>.+)", s, re.I)
    return find_commitment(m["c"], ctx) if m else None  # "enighet om at X bør ..." is a view


def _modal(s: str, ctx: Context, prev: str | None) -> Commitment | None:
    m = re.match(r"(?P<who>[^,;:]+?)\s+(?P<modal>skal|vil|må)\s+(?P<rest>.+)", s)
    if not m or not m["who"][:1].isupper():
        return None
    who, rest = m["who"], m["rest"]
    words = who.split()
    if len(words) > 6 or words[0].lower() in _PRONOUNS or any(w.lower() in _CLAUSE_WORDS for w in words):
        return None
    passive = re.match(rf"(?P<adv>(?:{W}+\s+){{0,2}}?)(?P<verb>[a-zæøå]{{4,}}es)\b(?P<tail>.*)", rest)
    if passive and m["modal"] == "må":
        return None  # "Andre banestrekninger må utvikles": a view, not anyone's task
    if passive:
        task = f"{_infinitive(passive['verb'])} {who} {passive['adv']}{passive['tail']}"
        return Commitment(task=_task(re.sub(r"\s+", " ", task)), owner=_agent(passive["tail"]))
    if m["modal"] != "skal" and not is_actor(who, ctx):
        return None  # "Tiltaket vil gi ..." is a forecast, not a commitment
    return Commitment(task=_task(rest), owner=_owner(who))


def _modal_passive(s: str, ctx: Context, prev: str | None) -> Commitment | None:
    m = re.search(rf"\b(?:skal|vil)\s+(?P<adv>(?:{W}+\s+){{0,2}}?)(?P<verb>[a-zæøå]{{4,}}es)\b(?P<tail>.*)", s)
    if not m:
        return None
    subject = _clause_subject(s[: m.start()])
    if subject is None:
        return Commitment(task=_task(s))
    task = f"{_infinitive(m['verb'])} {subject} {m['adv']}{m['tail']}"
    return Commitment(task=_task(re.sub(r"\s+", " ", task)), owner=_agent(m["tail"]))


def _present(s: str, ctx: Context, prev: str | None) -> Commitment | None:
    m = re.match(rf"(?P<who>[^,;:]+?)\s+(?P<verb>{_PRESENT})\b(?P<rest>.*)", s)
    if not m or not is_actor(m["who"], ctx):
        return None
    return Commitment(task=_task(f"{_infinitive(m['verb'])}{m['rest']}"), owner=_owner(m["who"]))


def _passive(s: str, ctx: Context, prev: str | None) -> Commitment | None:
    m = re.search(rf"\b(?P<verb>{_PASSIVE})\b(?P<tail>.*)", s)
    if not m or _REPORTING.search(s[: m.start()]):
        return None  # "viste til at RNB legges fram 12. mai" reports someone else's plan
    receiver = re.match(rf"\s+til\s+(?P<x>{W}+(?:\s+(?!for\b|om\b|med\b|etter\b){W}+)?)", m["tail"])
    owner, hint = None, "preparer"
    if "tilbake" in m["verb"] and receiver:
        owner = _owner(receiver["x"])
    elif m["verb"].startswith(("sendes", "meldes")):
        hint = "body"  # members send things in to the secretary
    owner = owner or _agent(m["tail"])
    np = s[: m.start()].strip(" ,")
    if np.lower() == "det":  # "Det utarbeides en plan for ..."
        np = ""
    elif not _plain_np(np) or " det " in f" {m['verb']} ":  # "..., derfor tas det opp ..."
        return Commitment(task=_task(s), owner=owner, owner_hint=hint)
    task = f"{_infinitive(m['verb'])} {np[:1].lower() + np[1:]}{m['tail']}"
    return Commitment(task=_task(task), owner=owner, owner_hint=hint)


def _plain_np(np: str) -> bool:
    words = np.split()
    return (1 <= len(words) <= 12 and "," not in np
            and not any(w.lower() in _CLAUSE_WORDS | {"har", "hadde", "blir"} for w in words))


def _clause_subject(pre: str) -> str | None:
    """Subject of a clause ending in `pre`: "... vist til at håndnotatet vil være ..., og"."""
    first_modal = re.search(r"\s(?:skal|vil|må)\b", pre)
    head = pre[: first_modal.start()] if first_modal else pre
    relative = re.search(rf"(?P<subj>(?:{W}+\s+){{0,3}}{W}+)\s+som\s*$", head)
    if relative:  # "to utredninger som skal konkluderes"
        return relative["subj"].strip()
    subject = re.split(r"\bat\s+", head)[-1].strip(" ,")
    return subject if _plain_np(subject) else None


def _agent(tail: str) -> str | None:
    m = re.match(rf"\s*(?:\S+\s+){{0,3}}?(?:av|fra)\s+(?P<x>{W}+(?:\s+{W}+)?)", tail)
    if not m or not _ACTOR.search(m["x"]):
        return None
    return _owner(m["x"])


_RULES: list[Callable[[str, Context, str | None], Commitment | None]] = [
    _label, _request_that, _request_addressed, _request_object, _asked, _assigned, _next_step,
    _agreed, _modal, _modal_passive, _present, _passive,
]
