"""Who may call which route: the roles, the one route table, and the caller of a request.

The authorizer turns ``ROUTE_ROLES`` into an IAM policy for API Gateway, and the handlers
check the same table again against the authorizer's context (defence in depth), so a
route's roles are written down once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from smart_support.errors import Forbidden, Unauthorized
from smart_support.records import TicketRecord


class Role(StrEnum):
    SUBMITTER = "submitter"
    AGENT = "agent"
    ADMIN = "admin"


_S, _AG, _AD = Role.SUBMITTER, Role.AGENT, Role.ADMIN

# (method, path as the template writes it) -> the roles that may call it. PUBLIC_ROUTES are open.
ROUTE_ROLES: dict[tuple[str, str], frozenset[Role]] = {
    ("POST", "/tickets"): frozenset({_S, _AD}),
    ("GET", "/tickets/{ticket_id}/status"): frozenset({_S, _AG, _AD}),
    ("GET", "/queue"): frozenset({_AG, _AD}),
    ("GET", "/tickets/next"): frozenset({_AG, _AD}),
    ("POST", "/tickets/next"): frozenset({_AG, _AD}),
    ("GET", "/incidents"): frozenset({_AG, _AD}),
    ("GET", "/incidents/{incident_id}"): frozenset({_AG, _AD}),
    ("POST", "/tickets/{ticket_id}/resolve"): frozenset({_AG, _AD}),
    ("POST", "/tickets/{ticket_id}/correction"): frozenset({_AG, _AD}),
    ("GET", "/corrections"): frozenset({_AG, _AD}),
    ("GET", "/agents"): frozenset({_AD}),
    ("PUT", "/agents/{agent_id}"): frozenset({_AD}),
    ("GET", "/docs"): frozenset({_AD}),
    ("GET", "/openapi.json"): frozenset({_AD}),
}
# The console's page is static: it holds no data, and every call it makes needs a key.
PUBLIC_ROUTES: frozenset[tuple[str, str]] = frozenset({("GET", "/health"), ("GET", "/console")})


def routes_for(role: Role) -> list[tuple[str, str]]:
    return sorted(route for route, roles in ROUTE_ROLES.items() if role in roles)


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: its role, its name (the agent id for agents) and key id."""

    role: Role
    name: str
    key_id: str

    @property
    def principal_id(self) -> str:
        return f"{self.role.value}:{self.name}"

    def context(self) -> dict[str, str]:
        """The authorizer context API Gateway passes to the function (strings only)."""
        return {"role": self.role.value, "name": self.name, "key_id": self.key_id}

    @property
    def agent_id(self) -> str | None:
        return self.name if self.role is Role.AGENT else None


def principal_from_event(event: Mapping[str, Any]) -> Principal | None:
    """The caller the authorizer vouched for, from ``requestContext.authorizer``."""
    context = (event.get("requestContext") or {}).get("authorizer") or {}
    try:
        role = Role(str(context.get("role", "")))
    except ValueError:
        return None
    name, key_id = str(context.get("name") or ""), str(context.get("key_id") or "")
    if not name or not key_id:
        return None
    return Principal(role, name, key_id)


def check_route(event: Mapping[str, Any]) -> Principal | None:
    """Raise 401/403 unless the caller may call this route; None for public or unknown routes.

    Unknown routes never reach a function in AWS; locally they fall through to the
    resolver's 404/405.
    """
    route = (str(event.get("httpMethod", "")).upper(), str(event.get("resource", "")))
    roles = ROUTE_ROLES.get(route)
    if roles is None:
        return None
    principal = principal_from_event(event)
    if principal is None:
        raise Unauthorized("a valid x-api-key header is required")
    if principal.role not in roles:
        raise Forbidden(f"a {principal.role.value} key may not call {route[0]} {route[1]}")
    return principal


def require_own_ticket(caller: Principal, ticket: TicketRecord, action: str) -> None:
    """An agent's key acts only on the tickets assigned to or taken by that agent."""
    if caller.agent_id is not None and caller.agent_id not in (
        ticket.assigned_agent,
        ticket.taken_by,
    ):
        raise Forbidden(f"an agent may {action} only its own tickets")
