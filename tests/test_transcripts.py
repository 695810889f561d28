"""Transcript parsers: every supported export becomes timed, speaker-attributed turns, and a
malformed file fails with an error that names the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.errors import TranscriptError
from service.transcripts import detect_format, parse_transcript, read_transcript

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "transcripts"

TEAMS_VTT = """WEBVTT

6f1c2a9e-3b7d/1-0
00:00:03.200 --> 00:00:05.283
<v Baik, Målfrid>Ja, god morgen alle sammen.</v>

6f1c2a9e-3b7d/2-0
00:00:05.333 --> 00:00:07.000
<v Baik, Målfrid>Vi starter med sak tre.</v>

NOTE cross-talk: two voices in one cue

00:00:07.500 --> 00:00:09.000
<v Ola Haave>Hører dere meg?</v><v.loud Nina Mosseby>Ja!</v>

00:01:02.000 --> 00:01:04.500
<v Ola Haave><i>Da</i> er vi enige.</v>
"""


def test_teams_vtt_voices_become_merged_timed_turns() -> None:
    t = parse_transcript(TEAMS_VTT)
    assert t.format == "vtt"
    assert [(x.speaker, x.text) for x in t.turns] == [
        ("Målfrid Baik", "Ja, god morgen alle sammen. Vi starter med sak tre."),
        ("Ola Haave", "Hører dere meg?"),
        ("Nina Mosseby", "Ja!"),  # cross-talk in one cue: its own turn, same time
        ("Ola Haave", "Da er vi enige."),
    ]
    assert (t.turns[0].start, t.turns[0].end) == (3.2, 7.0)
    assert t.turns[2].start == t.turns[1].start == 7.5
    assert t.turns[3].start == 62.0
    assert [x.index for x in t.turns] == [0, 1, 2, 3]
    assert t.speakers == ["Målfrid Baik", "Ola Haave", "Nina Mosseby"]


def test_vtt_without_header_names_line_one() -> None:
    with pytest.raises(TranscriptError, match="line 1: a WebVTT file starts with 'WEBVTT'"):
        parse_transcript("00:00:01.000 --> 00:00:02.000\n<v A>hei</v>\n", fmt="vtt")


def test_vtt_bad_timing_names_the_line() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v A>hei</v>\n\ncue-2\n00:00:03 -> 00:00:04\n<v B>x</v>\n"
    with pytest.raises(TranscriptError, match=r"line 7: expected a cue timing .*'00:00:03 -> 00:00:04'"):
        parse_transcript(text)


def test_zoom_srt_labels_and_continuation_cues() -> None:
    text = ("1\n00:00:02,000 --> 00:00:04,000\nSigurd Strand: Velkommen til ungdomsrådet.\n\n"
            "2\n00:00:04,100 --> 00:00:06,000\nDa starter vi med PS 2/26.\n\n"
            "3\n00:00:07,000 --> 00:00:09,500\nGeir Olav Jensen: Takk for at jeg fikk komme.\n")
    t = parse_transcript(text)
    assert t.format == "srt"
    assert [(x.speaker, x.text, x.start, x.end) for x in t.turns] == [
        ("Sigurd Strand", "Velkommen til ungdomsrådet. Da starter vi med PS 2/26.", 2.0, 6.0),
        ("Geir Olav Jensen", "Takk for at jeg fikk komme.", 7.0, 9.5),
    ]


def test_srt_missing_timing_names_the_line() -> None:
    text = "1\n00:00:02,000 --> 00:00:04,000\nA: hei\n\n2\nB: hopp\n"
    with pytest.raises(TranscriptError, match="line 6"):
        parse_transcript(text, fmt="srt")


def test_labelled_text_with_title_timestamps_and_continuations() -> None:
    text = ("Møte i Eldrerådet 11.03.2026\n\n"
            "[00:00:05] Kari Helene Alstad: Vi starter.\n"
            "Det er fem saker i dag.\n"
            "[00:01:02] Rolf Bosnes: Jeg er skeptisk. Det viktigste: transport.\n"
            "Anita Nordgård Forr (00:01:30): Jeg sender søknaden.\n")
    t = parse_transcript(text)
    assert t.title == "Møte i Eldrerådet 11.03.2026"
    assert [(x.speaker, x.text, x.start) for x in t.turns] == [
        ("Kari Helene Alstad", "Vi starter.", 5.0),
        ("Kari Helene Alstad", "Det er fem saker i dag.", None),
        ("Rolf Bosnes", "Jeg er skeptisk. Det viktigste: transport.", 62.0),
        ("Anita Nordgård Forr", "Jeg sender søknaden.", 90.0),
    ]
    assert t.turns[0].end is None or t.turns[0].end >= 5.0


def test_text_without_any_label_is_an_error_naming_the_line() -> None:
    with pytest.raises(TranscriptError, match="line 2: no speaker label found"):
        parse_transcript("\nbare tekst uten navn\nog mer tekst\n", fmt="text")


def test_real_elitr_and_ami_labels() -> None:
    elitr = read_transcript(SAMPLES / "elitr" / "004" / "transcript.txt")
    assert elitr.speakers[:2] == ["person13", "person4"]
    assert not any(s.startswith("project") for s in elitr.speakers)  # "[project7] ..." is speech
    ami = read_transcript(SAMPLES / "ami" / "TS3006a" / "transcript.txt")
    assert set(ami.speakers) == {"A", "B", "C", "D"}
    assert all("<laugh>" not in t.text for t in ami.turns)


def test_json_turns_and_errors() -> None:
    turns = [{"speaker": "Lynne Neagle AM", "content": "Good morning."},
             {"speaker": "Hefin David", "content": "Thank you, Chair.", "start": "00:01:00", "end": 65}]
    t = parse_transcript(json.dumps(turns))
    assert t.format == "json"
    assert [(x.speaker, x.start, x.end) for x in t.turns] == [("Lynne Neagle AM", None, None),
                                                                ("Hefin David", 60.0, 65)]
    with pytest.raises(TranscriptError, match="line 3: invalid JSON"):
        parse_transcript('[\n{"speaker": "A", "content": "x"},\n{"speaker": }\n]', fmt="json")
    with pytest.raises(TranscriptError, match="turn 2"):
        parse_transcript('[{"speaker": "A", "content": "x"}, {"speaker": "B"}]')


def test_docx_transcripts_new_and_old_teams_layout(tmp_path: Path) -> None:
    import docx

    new = docx.Document()
    for line in ["Møte i KG", "Målfrid Baik   0:03", "Velkommen alle sammen.",
                 "Ola Haave   1:05", "Takk, da starter vi."]:
        new.add_paragraph(line)
    new.save(tmp_path / "new.docx")
    t = read_transcript(tmp_path / "new.docx")
    assert [(x.speaker, x.text, x.start) for x in t.turns] == [
        ("Målfrid Baik", "Velkommen alle sammen.", 3.0), ("Ola Haave", "Takk, da starter vi.", 65.0)]

    old = docx.Document()
    for line in ["0:0:0.0 --> 0:0:4.200", "Målfrid Baik", "Velkommen.", "",
                 "0:0:4.300 --> 0:0:6.0", "Ola Haave", "Takk."]:
        old.add_paragraph(line)
    old.save(tmp_path / "old.docx")
    t = read_transcript(tmp_path / "old.docx")
    assert [(x.speaker, x.text, x.end) for x in t.turns] == [("Målfrid Baik", "Velkommen.", 4.2),
                                                             ("Ola Haave", "Takk.", 6.0)]
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    with pytest.raises(TranscriptError, match="broken.docx: line 1: not a readable .docx"):
        read_transcript(tmp_path / "broken.docx")


def test_detect_format() -> None:
    assert detect_format("\ufeffWEBVTT\n\n") == "vtt"
    assert detect_format("1\n00:00:01,000 --> 00:00:02,000\nhei\n") == "srt"
    assert detect_format('[{"speaker": "A", "content": "x"}]') == "json"
    assert detect_format("A: hei") == "text"
    assert detect_format("anything", "møte.vtt") == "vtt"


def test_sample_transcripts_parse() -> None:
    kg = read_transcript(SAMPLES / "seed-kg" / "kg-2026-04-16.vtt")
    assert len(kg.turns) > 40 and "Målfrid Baik" in kg.speakers
    assert all(t.start is not None and t.end is not None for t in kg.turns)
    srt = read_transcript(SAMPLES / "seed-kg" / "ungdomsradet-2026-01-20.srt")
    assert srt.speakers[0] == "Sigurd Strand"
