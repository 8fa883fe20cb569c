"""Data access, one module per store: each reads and writes Redis (or SQS) and decides
nothing; the decisions are pure functions elsewhere (``routing``, ``dedup``, ``breaker``) and
the use cases in ``logic`` combine the two. Nothing here answers in HTTP terms.
"""
