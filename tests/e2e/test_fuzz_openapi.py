"""Schema-driven fuzzing of the whole HTTP API from its own OpenAPI document (schemathesis).

Every operation in GET /openapi.json gets valid-looking (positive) and invalid (negative)
requests, sent over HTTP to a local stack of its own. Whatever is sent, the API never
answers 5xx, every 4xx carries the error shape of SPEC §2, and 2xx bodies match the
documented response schema. Generation is derandomised, so a CI run is reproducible.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks

from smart_support.api import openapi_document
from tests.e2e.conftest import RunningStack, start_stack

pytestmark = pytest.mark.e2e

EXAMPLES_PER_OPERATION = 65  # per operation and generation mode
MINIMUM_REQUESTS = 1_000
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)
# Cheap, schema-level checks; no check may re-send requests, so the count stays honest.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
OPERATIONS = {
    f"{method.upper()} {path}": bool(operation.get("parameters") or operation.get("requestBody"))
    for path, item in openapi_document()["paths"].items()
    for method, operation in item.items()
}
# An operation without inputs has no invalid request to make, only its one valid one.
RUNS = [
    (label, mode)
    for label, has_inputs in sorted(OPERATIONS.items())
    for mode in MODES
    if has_inputs or mode is schemathesis.GenerationMode.POSITIVE
]


@dataclass
class Tally:
    requests: int = 0
    seconds: float = 0.0
    by_status: dict[int, int] = field(default_factory=dict)
    runs: set[tuple[str, str]] = field(default_factory=set)

    def summary(self) -> str:
        return (
            f"schemathesis: {self.requests} requests over {len(self.runs)} operation/mode runs "
            f"in {self.seconds:.1f} s of requests, by status {dict(sorted(self.by_status.items()))}"
        )


@pytest.fixture(scope="module")
def fuzz_stack() -> Iterator[RunningStack]:
    """A stack of its own: fuzzing rewrites agents and fills the queue with junk."""
    running = start_stack(CLASSIFIER="baseline")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def schema(fuzz_stack: RunningStack) -> Any:
    # The document the running API serves, not a copy: fuzzing tests what clients read.
    return schemathesis.openapi.from_url(f"{fuzz_stack.url}/openapi.json")


@pytest.fixture(scope="module")
def tally(request: pytest.FixtureRequest) -> Iterator[Tally]:
    counts = Tally()
    yield counts
    # Shown even under -q and output capture, so every CI log states the request count.
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if capture is not None and reporter is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(counts.summary())


def assert_error_shape(response: Any) -> None:
    """SPEC §2: {"error": {"code", "message", "details"?}}, never a stack trace."""
    assert "Traceback" not in response.text, response.text
    content_type = (response.headers.get("content-type") or [""])[0]
    assert content_type.startswith("application/json"), (content_type, response.text)
    body = json.loads(response.text)
    assert isinstance(body, dict) and set(body) == {"error"}, body
    error = body["error"]
    assert set(error) <= {"code", "message", "details"}, error
    assert isinstance(error["code"], str) and error["code"], error
    assert isinstance(error["message"], str) and error["message"], error
    assert isinstance(error.get("details", []), list), error


@pytest.mark.parametrize(("label", "mode"), RUNS, ids=[f"{label}-{mode}" for label, mode in RUNS])
def test_generated_requests_get_no_5xx_and_documented_answers(
    schema: Any,
    fuzz_stack: RunningStack,
    tally: Tally,
    label: str,
    mode: schemathesis.GenerationMode,
) -> None:
    operation = schema.find_operation_by_label(label)
    assert operation is not None, label
    strategy = operation.as_strategy(generation_mode=mode)
    session = requests.Session()

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def fuzz(case: Any) -> None:
        started = time.perf_counter()
        response = case.call(base_url=fuzz_stack.url, session=session, timeout=15)
        tally.seconds += time.perf_counter() - started
        tally.requests += 1
        tally.by_status[response.status_code] = tally.by_status.get(response.status_code, 0) + 1
        assert response.status_code < 500, (case.as_curl_command(), response.text)
        if 400 <= response.status_code < 500:
            assert_error_shape(response)
        case.validate_response(response, checks=CHECKS)

    fuzz()
    tally.runs.add((label, str(mode)))


def test_fuzzing_sent_at_least_a_thousand_requests(tally: Tally) -> None:
    if len(tally.runs) < len(RUNS):
        pytest.skip("only meaningful after every operation was fuzzed in this session")
    assert tally.requests >= MINIMUM_REQUESTS, tally.summary()
