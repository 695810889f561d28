"""Exports, the last step after extract and summarize: a meeting's follow-up (action items,
decisions, board proposals) and a draft of minutes, as Word documents and markdown.
"""
