"""The API's routes, one module per OpenAPI tag: each route parses, calls one use case, answers.

``submit`` is the ingest function's only router; the query function serves the others.
"""
