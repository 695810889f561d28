"""Summarize: a raw meeting transcript becomes a draft of minutes in the house style.

parse transcript (service.transcripts) -> segment by agenda or topic (segment, topics) ->
draft per segment (offline, llm) -> assemble header, markdown and overview (render, flow).
"""
