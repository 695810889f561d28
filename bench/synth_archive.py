"""A synthetic archive for the scale benchmarks, made from the real minutes in samples/minutes.

Each document is a sample with its meeting date (2016-2026), municipality, body, participants'
names, case numbers and amounts replaced; the project's own parser must read the variant as a
meeting of that body on that date (checked for every file), so ids never collide.

    .venv/bin/python bench/synth_archive.py 1000 bench/data/archive-1000
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.parse_minutes import parse_minutes  # noqa: E402
from index.readers import normalise_text  # noqa: E402

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")
TOWNS = ("Steinkjer", "Levanger", "Verdal", "Namsos", "Stjørdal", "Malvik", "Orkland", "Frosta",
         "Inderøy", "Snåsa", "Grong", "Overhalla", "Lierne", "Røyrvik", "Nærøysund", "Leka",
         "Hitra", "Frøya", "Oppdal", "Rennebu", "Melhus", "Skaun", "Selbu", "Tydal", "Holtålen",
         "Røros", "Midtre Gauldal", "Meråker", "Indre Fosen", "Ørland", "Åfjord", "Osen",
         "Flatanger", "Høylandet", "Namsskogan", "Rindal", "Heim", "Hemne", "Agdenes", "Bjugn")
REGIONS = ("Osloregionen", "Trondheimsregionen", "Bergensregionen", "Stavangerregionen",
           "Kristiansandregionen", "Tromsøregionen", "Vestfoldregionen", "Innlandsregionen")
FIRST = ("Anne", "Kari", "Ingrid", "Marit", "Liv", "Hilde", "Silje", "Nina", "Tone", "Berit",
         "Ola", "Per", "Jon", "Lars", "Knut", "Arne", "Geir", "Trond", "Espen", "Magnus",
         "Sigrid", "Astrid", "Eirik", "Håkon", "Solveig", "Torunn", "Bjørn", "Frode", "Randi")
LAST = ("Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
        "Jensen", "Karlsen", "Berg", "Haugen", "Hagen", "Bakken", "Moen", "Lie", "Dahl", "Lund",
        "Strand", "Solberg", "Eide", "Aune", "Vik", "Brekke", "Sæther", "Ness", "Lien", "Rønning")
BODIES = ("Formannskap", "Kommunestyret", "Eldrerådet", "Ungdomsrådet", "Planutvalget",
          "Kontrollutvalget", "Administrasjonsutvalget", "Hovedutvalg for oppvekst",
          "Hovedutvalg for helse og velferd", "Råd for personer med funksjonsnedsettelse",
          "Arbeidsmiljøutvalget", "Næringsutvalget", "Klima- og miljøutvalget", "Valgstyret")
_CASE = re.compile(r"\b(PS|OS|RS|DS|FS|Sak)\s+(\d+)/(\d{2})\b")
_AMOUNT = re.compile(r"\b(\d{1,3}(?: \d{3})+|\d{2,})(?= ?(?:kr|kroner|millioner|mill\.))")


def samples() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "samples" / "minutes").rglob("*.txt")):
        if path.stem.lower().startswith(("readme", "attribution", "sources")):
            continue
        text = normalise_text(path.read_text(encoding="utf-8"))
        # A variant's date is rewritten in the text, so a document dated only by its file
        # name (tromso-omradets-regionrad-2012-11-09.txt) cannot be varied.
        meeting = parse_minutes(text, source_file="x.txt")
        if meeting.date and meeting.body:
            out.append((path.name, text))
    return out


def _date_forms(d: dt.date) -> list[str]:
    return [d.strftime("%d.%m.%Y"), f"{d.day}. {MONTHS[d.month - 1]} {d.year}",
            f"{d.day}.{d.month}.{d.year}", d.isoformat(), f"{d:%d.%m.%y}"]


def variant(text: str, rng: random.Random, date: dt.date, town: str, region: str) -> str:
    meeting = parse_minutes(text, source_file="x.txt")
    old = meeting.date
    assert old is not None
    for before, after in zip(_date_forms(old), _date_forms(date), strict=True):
        text = text.replace(before, after)
    text = text.replace("Steinkjer", town).replace("Osloregionen", region)
    if meeting.body in BODIES and rng.random() < 0.7:
        text = text.replace(meeting.body, rng.choice(BODIES))
    names = {p.name for p in meeting.participants if len(p.name.split()) >= 2}
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    yy = f"{date.year % 100:02d}"
    text = _CASE.sub(lambda m: f"{m[1]} {m[2]}/{yy}", text)
    return _AMOUNT.sub(lambda m: f"{int(m[1].replace(' ', '')) * rng.randint(50, 150) // 100:,}"
                       .replace(",", " "), text)


def generate(n: int, out: Path, *, seed: int = 10) -> list[Path]:
    rng = random.Random(seed)
    base = samples()
    out.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    written: list[Path] = []
    start, days = dt.date(2016, 1, 1), (dt.date(2026, 12, 31) - dt.date(2016, 1, 1)).days
    attempts = 0
    while len(written) < n:
        attempts += 1
        name, text = base[len(written) % len(base)]
        date = start + dt.timedelta(days=rng.randrange(days))
        doc = variant(text, rng, date, rng.choice(TOWNS), rng.choice(REGIONS))
        meeting = parse_minutes(doc, source_file=name)
        if meeting.date != date or meeting.meeting_id in seen:
            if attempts > 20 * n:
                raise SystemExit(f"could not make {n} distinct meetings from the samples")
            continue
        seen.add(meeting.meeting_id)
        path = out / f"{len(written):05d}-{meeting.meeting_id[:80]}.txt"
        path.write_text(doc, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    count, target = int(sys.argv[1]), Path(sys.argv[2])
    files = generate(count, target)
    print(f"{len(files)} meetings in {target}")
