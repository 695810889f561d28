"""Extraction: action items, decisions and the next board meeting as validated data.

flow.py is the entry point (`extract_from_meeting`, `extract_from_text`); rules.py is the
offline default, llm.py the model path; both end in evidence.py's quote check.
"""

from service.extract.flow import extract_from_meeting, extract_from_text

__all__ = ["extract_from_meeting", "extract_from_text"]
