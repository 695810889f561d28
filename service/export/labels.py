"""The words of the exported documents, in bokmål and English (the draft's own language
or the one asked for)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "nb": {
        "followup": "Oppfølging", "actions": "Oppfølgingspunkter", "decisions": "Vedtak",
        "board": "Saker til neste styremøte", "who": "Hvem", "what": "Hva",
        "due": "Frist", "item": "Sak", "status": "Status", "none": "Ingen funnet.",
        "summary": "Oppsummering av innspill og konklusjon", "overview": "Sammendrag",
        "missing": "Ikke funnet i transkripsjonen.", "participants": "Deltakere",
        "date": "Tid", "place": "Sted", "draft_note": "Utkast laget fra transkripsjon; "
        "kontroller mot opptaket før det godkjennes.", "source": "kilde",
    },
    "en": {
        "followup": "Follow-up", "actions": "Action items", "decisions": "Decisions",
        "board": "Items for the next board meeting", "who": "Who", "what": "What",
        "due": "By when", "item": "Item", "status": "Status", "none": "None found.",
        "summary": "Summary of discussion and conclusion", "overview": "Overview",
        "missing": "Not found in the transcript.", "participants": "Participants",
        "date": "Date", "place": "Place", "draft_note": "Draft made from a transcript; "
        "check it against the recording before it is approved.", "source": "source",
    },
}


def labels(lang: str) -> dict[str, str]:
    return LABELS["en" if lang == "en" else "nb"]
