"""What the local stack takes from infra/template.yaml, so it runs as deployed.

Routes (and which of them the API's authorizer guards), the authorizer function and its
cache TTL, queue and dead-letter settings, batch size and the functions' default
environment are read from the template itself rather than repeated here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "infra" / "template.yaml"


class _CfnLoader(yaml.SafeLoader):
    """A YAML loader that keeps CloudFormation's short-form tags (!Ref, !Sub ...) as data."""


def _tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {f"!{suffix}": value}


_CfnLoader.add_multi_constructor("!", _tag)


@dataclass(frozen=True)
class Route:
    method: str  # GET, POST ... or ANY
    path: str  # template form, e.g. /tickets/{ticket_id}/status
    function: str  # logical id, e.g. QueryFunction
    authorized: bool  # guarded by the API's default (key) authorizer
    pattern: re.Pattern[str] = field(compare=False, repr=False)

    def match(self, method: str, path: str) -> dict[str, str] | None:
        if self.method not in ("ANY", method):
            return None
        found = self.pattern.fullmatch(path)
        return found.groupdict() if found else None


@dataclass(frozen=True)
class StackConfig:
    routes: list[Route]
    handlers: dict[str, str]  # function logical id -> path of its app.py
    environment: dict[str, str]
    batch_size: int
    batching_window_seconds: int
    process_timeout_seconds: int
    visibility_timeout_seconds: int
    retention_seconds: int
    max_receive_count: int
    authorizer: str = ""  # logical id of the authorizer function; empty: none
    authorizer_ttl_seconds: int = 0

    def route_for(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        # Literal paths beat templated ones (/tickets/next before /tickets/{id}/...), and a
        # greedy {proxy+} catch-all comes last, as in API Gateway.
        for route in sorted(self.routes, key=_specificity):
            params = route.match(method, path)
            if params is not None:
                return route, params
        return None


def _specificity(route: Route) -> tuple[bool, int, bool]:
    return ("+}" in route.path, route.path.count("{"), route.method == "ANY")


def _path_pattern(path: str) -> re.Pattern[str]:
    regex = ""
    for part in re.split(r"(\{[^}]+\})", path):
        if part.startswith("{") and part.endswith("+}"):
            regex += f"(?P<{part[1:-2]}>.+)"
        elif part.startswith("{"):
            regex += f"(?P<{part[1:-1]}>[^/]+)"
        else:
            regex += re.escape(part)
    return re.compile(regex)


def load_template(path: Path = TEMPLATE) -> dict[str, Any]:
    with path.open() as handle:
        # _CfnLoader is a SafeLoader that only adds the CloudFormation tags.
        return yaml.load(handle, Loader=_CfnLoader)  # nosec B506


def load_stack_config(path: Path = TEMPLATE) -> StackConfig:
    template = load_template(path)
    resources = template["Resources"]
    globals_fn = (template.get("Globals") or {}).get("Function") or {}
    env = {
        name: str(value)
        for name, value in ((globals_fn.get("Environment") or {}).get("Variables") or {}).items()
        if isinstance(value, (str, int, float, bool))
    }
    routes: list[Route] = []
    handlers: dict[str, str] = {}
    batch_size = window = process_timeout = 0
    api_auth: dict[str, dict[str, Any]] = {}
    for logical_id, resource in resources.items():
        if resource.get("Type") == "AWS::Serverless::Api":
            api_auth[logical_id] = (resource.get("Properties") or {}).get("Auth") or {}
    authorizer, ttl = _authorizer(api_auth)
    for logical_id, resource in resources.items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        props = resource.get("Properties") or {}
        # CodeUri is relative to the template's folder, as SAM reads it.
        handlers[logical_id] = str((path.parent / str(props["CodeUri"]) / "app.py").resolve())
        for event in (props.get("Events") or {}).values():
            event_props = event.get("Properties") or {}
            if event.get("Type") == "Api":
                api_id = (event_props.get("RestApiId") or {}).get("!Ref", "")
                named = (event_props.get("Auth") or {}).get("Authorizer")
                default = api_auth.get(api_id, {}).get("DefaultAuthorizer")
                required = (named or default) not in (None, "NONE")
                method = str(event_props["Method"]).upper()
                routes.append(
                    Route(
                        method,
                        str(event_props["Path"]),
                        logical_id,
                        bool(required),
                        _path_pattern(str(event_props["Path"])),
                    )
                )
            elif event.get("Type") == "SQS":
                batch_size = int(event_props.get("BatchSize", 10))
                window = int(event_props.get("MaximumBatchingWindowInSeconds", 0))
                process_timeout = int(props.get("Timeout") or globals_fn.get("Timeout") or 3)
    queue = _find_queue(resources, dead_letter=False)
    policy = queue.get("RedrivePolicy") or {}
    return StackConfig(
        routes=routes,
        handlers=handlers,
        environment=env,
        batch_size=batch_size,
        batching_window_seconds=window,
        process_timeout_seconds=process_timeout,
        visibility_timeout_seconds=int(queue.get("VisibilityTimeout", 30)),
        retention_seconds=int(queue.get("MessageRetentionPeriod", 345600)),
        max_receive_count=int(policy.get("maxReceiveCount", 5)),
        authorizer=authorizer,
        authorizer_ttl_seconds=ttl,
    )


def _authorizer(api_auth: dict[str, dict[str, Any]]) -> tuple[str, int]:
    """The default authorizer's function (logical id) and result cache TTL, if any."""
    for auth in api_auth.values():
        name = auth.get("DefaultAuthorizer")
        if not name:
            continue
        spec = (auth.get("Authorizers") or {})[name]
        arn = spec.get("FunctionArn") or {}
        function = str(arn.get("!GetAtt", "")).split(".")[0]
        ttl = int((spec.get("Identity") or {}).get("ReauthorizeEvery", 300))
        return function, ttl
    return "", 0


def _find_queue(resources: dict[str, Any], dead_letter: bool) -> dict[str, Any]:
    for resource in resources.values():
        if resource.get("Type") != "AWS::SQS::Queue":
            continue
        props = resource.get("Properties") or {}
        if ("RedrivePolicy" in props) != dead_letter:
            return dict(props)
    raise ValueError("the template has no ticket queue with a redrive policy")
