"""Write path and store: document -> parse -> chunk -> embed -> store.

Never imports `service`; every function takes explicit arguments, not settings.
"""
