"""The whole HTTP API: which routers each function serves, and the OpenAPI document.

The ingest function serves ``INGEST_ROUTERS`` (POST /tickets, nothing of routing or the
model); the query function serves ``QUERY_ROUTERS`` and documents both, so /docs and
/openapi.json describe the whole API. The resolver and error mapping are in ``http``.
"""

from __future__ import annotations

from typing import Any

from smart_support.http import build_resolver
from smart_support.routes import agents, incidents, operations, queue, submit, tickets

INGEST_ROUTERS = (submit.router,)
QUERY_ROUTERS = (
    tickets.router,
    queue.router,
    agents.router,
    incidents.router,
    operations.router,
)


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document of the whole API, as /openapi.json serves it."""
    return dict(
        build_resolver(*INGEST_ROUTERS, *QUERY_ROUTERS)
        .get_openapi_schema()
        .model_dump(mode="json", by_alias=True, exclude_none=True)
    )
