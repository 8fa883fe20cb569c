"""Nasty input over HTTP: every answer is a clear 4xx in the error shape, or 2xx when valid.

Cases already covered in-process (tests/integration/test_ingest.py, test_query.py) or by the
walk-through are not repeated here; these go through the local front as a client would.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from tests.e2e.conftest import RunningStack, start_stack

pytestmark = pytest.mark.e2e

UNKNOWN_TICKET = "tkt_" + "0" * 32
UNKNOWN_INCIDENT = "inc_" + "0" * 32
METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")
# path -> the methods it answers, as Allow lists them (the template's routes)
ROUTES = {
    "/tickets": "POST",
    f"/tickets/{UNKNOWN_TICKET}/status": "GET",
    f"/tickets/{UNKNOWN_TICKET}/resolve": "POST",
    "/tickets/next": "GET, POST",
    "/queue": "GET",
    "/incidents": "GET",
    f"/incidents/{UNKNOWN_INCIDENT}": "GET",
    "/agents": "GET",
    "/agents/fuzz-agent": "PUT",
    "/health": "GET",
    "/docs": "GET",
    "/openapi.json": "GET",
}
ID_ROUTES = [
    ("GET", "/tickets/{}/status"),
    ("POST", "/tickets/{}/resolve"),
    ("GET", "/incidents/{}"),
    ("PUT", "/agents/{}"),
]


@pytest.fixture(scope="module")
def stack() -> Iterator[RunningStack]:
    """A stack of its own: the tickets sent here would otherwise fill the shared agents."""
    running = start_stack(CLASSIFIER="baseline")
    yield running
    running.stop()


def error_of(response: requests.Response, status: int | tuple[int, ...]) -> dict[str, Any]:
    """The SPEC §2 error body of a response with the expected status, never a stack trace."""
    allowed = (status,) if isinstance(status, int) else status
    assert response.status_code in allowed, (response.status_code, response.text[:500])
    assert "Traceback" not in response.text and 'File "' not in response.text
    assert response.headers["Content-Type"].startswith("application/json"), response.headers
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) <= {"code", "message", "details"}, error
    assert isinstance(error["code"], str) and isinstance(error["message"], str), error
    assert isinstance(error.get("details", []), list), error
    return dict(error)


def send_json_text(
    http: requests.Session, stack: RunningStack, method: str, path: str, text: str | bytes
) -> requests.Response:
    return http.request(
        method,
        f"{stack.url}{path}",
        data=text.encode() if isinstance(text, str) else text,
        headers={"Content-Type": "application/json"},
        timeout=10,
    )


def raw_exchange(stack: RunningStack, head: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes the HTTP clients refuse to produce; parse the status, headers and body."""
    url = urlsplit(stack.url)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(head)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        header_block, _, body = data.partition(b"\r\n\r\n")
        lines = header_block.decode("latin-1").split("\r\n")
        headers = {
            name.strip().lower(): value.strip()
            for name, _, value in (line.partition(":") for line in lines[1:])
        }
        while len(body) < int(headers.get("content-length", "0")):
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
    return int(lines[0].split()[1]), headers, body


# Sizes -----------------------------------------------------------------------------


def test_agent_update_over_the_request_limit_is_413(http: requests.Session, stack: RunningStack):
    padding = {"Billing": 0.5, "x" * 300_000: 1}
    response = http.put(f"{stack.url}/agents/fuzz-agent", json={"skills": padding}, timeout=10)
    assert error_of(response, 413)["code"] == "payload_too_large"


def test_body_over_ten_megabytes_is_413_at_the_front_without_reading_it(stack: RunningStack):
    head = (
        b"POST /tickets HTTP/1.1\r\nHost: local\r\nContent-Type: application/json\r\n"
        b"Content-Length: 10485761\r\n\r\n"
    )
    status, _, body = raw_exchange(stack, head)
    assert status == 413
    assert json.loads(body)["error"]["code"] == "payload_too_large"


def test_deep_nesting_inside_a_ticket_field_is_400(http: requests.Session, stack: RunningStack):
    nested = '{"a":' * 5_000 + "1" + "}" * 5_000
    response = send_json_text(
        http, stack, "POST", "/tickets", '{"subject": "hi", "metadata": ' + nested + "}"
    )
    assert error_of(response, 400)["code"] == "malformed_json"


def test_deep_nesting_in_an_agent_update_is_400(http: requests.Session, stack: RunningStack):
    nested = '{"skills":' * 5_000 + "{}" + "}" * 5_000
    response = send_json_text(http, stack, "PUT", "/agents/fuzz-agent", nested)
    assert error_of(response, 400)["code"] == "malformed_json"


def test_ten_thousand_digit_number_is_rejected_cleanly(http: requests.Session, stack: RunningStack):
    text = '{"subject": "hi", "metadata": {"n": ' + "9" * 10_000 + "}}"
    error_of(send_json_text(http, stack, "POST", "/tickets", text), (400, 422))


# Encodings and characters ----------------------------------------------------------


def test_invalid_utf8_bytes_in_an_agent_update_are_400(http: requests.Session, stack: RunningStack):
    response = send_json_text(http, stack, "PUT", "/agents/fuzz-agent", b'{"status": "\xc3\x28"}')
    assert error_of(response, 400)["code"] == "malformed_json"


def test_overlong_utf8_encoding_of_a_slash_is_400(http: requests.Session, stack: RunningStack):
    response = send_json_text(http, stack, "POST", "/tickets", b'{"subject": "a\xc0\xafb"}')
    assert error_of(response, 400)["code"] == "malformed_json"


def test_lone_surrogate_escape_in_ticket_text_is_422(http: requests.Session, stack: RunningStack):
    response = send_json_text(http, stack, "POST", "/tickets", '{"subject": "x \\ud800 y"}')
    error = error_of(response, 422)
    assert [d["field"] for d in error["details"]] == ["subject"]


@pytest.mark.parametrize(
    "text",
    ["tab\there", "line\nbreaks\r\n", "escape \x1b[31mred\x1b[0m", "bell\x07 and del\x7f"],
    ids=["tab", "newlines", "ansi-escape", "bell-del"],
)
def test_control_characters_in_ticket_text_are_accepted(
    http: requests.Session, stack: RunningStack, text: str
):
    response = http.post(f"{stack.url}/tickets", json={"body": f"printer broken {text}"})
    assert response.status_code == 202, response.text


@pytest.mark.parametrize(
    "metadata",
    [{"key\x00": "v"}, {"key": "v\x00"}],
    ids=["in-key", "in-value"],
)
def test_nul_in_metadata_is_422(http: requests.Session, stack: RunningStack, metadata: Any):
    response = http.post(f"{stack.url}/tickets", json={"subject": "hi", "metadata": metadata})
    error = error_of(response, 422)
    assert any(d["field"].startswith("metadata") for d in error["details"]), error


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_numbers_in_metadata_are_422(
    http: requests.Session, stack: RunningStack, token: str
):
    text = '{"subject": "hi", "metadata": {"n": ' + token + "}}"
    error = error_of(send_json_text(http, stack, "POST", "/tickets", text), 422)
    assert any(d["field"].startswith("metadata") for d in error["details"]), error


@pytest.mark.parametrize(
    "text",
    [
        "مرحبا، لا أستطيع تسجيل الدخول",  # Arabic, right to left
        "שלום, the invoice is wrong",  # Hebrew mixed with English
        "\u202eoverride\u202c then \u200fmark",  # bidi override and RLM
        "refund please 💸🙏 👩‍👩‍👧‍👦 🏳️‍🌈",  # emoji, ZWJ sequences, flags
        "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334a\u0310\u0352lgo",  # combining
        "e\u0301 vs \u00e9, \ufeffBOM, zero\u200bwidth",  # normalisation forms, invisibles
        "\U0001d573\U0001d58a\U0001d591\U0001d595 \U00010348 \U00013080",  # astral plane
    ],
    ids=["arabic", "hebrew", "bidi-controls", "emoji", "combining", "invisibles", "astral"],
)
def test_unicode_ticket_text_is_accepted(http: requests.Session, stack: RunningStack, text: str):
    response = http.post(f"{stack.url}/tickets", json={"subject": text[:300], "body": text})
    assert response.status_code == 202, response.text
    status = http.get(f"{stack.url}/tickets/{response.json()['ticket_id']}/status", timeout=10)
    assert status.status_code == 200, status.text


def test_subject_of_300_emoji_is_within_the_limit(http: requests.Session, stack: RunningStack):
    response = http.post(f"{stack.url}/tickets", json={"subject": "🔥" * 300})
    assert response.status_code == 202, response.text


# Ids in paths ----------------------------------------------------------------------


@pytest.mark.parametrize(("method", "template"), ID_ROUTES)
def test_ten_thousand_character_id_is_422(
    http: requests.Session, stack: RunningStack, method: str, template: str
):
    response = http.request(method, stack.url + template.format("a" * 10_000), json={}, timeout=10)
    error = error_of(response, 422)
    assert error["code"] == "validation_error"
    assert len(response.content) < 2_000  # the id is not echoed back


@pytest.mark.parametrize(("method", "template"), ID_ROUTES)
@pytest.mark.parametrize(
    "bad_id",
    ["..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5C..%5Cwin.ini"],
    ids=["encoded-slash", "encoded-dots", "backslash"],
)
def test_path_traversal_looking_id_is_4xx_and_reads_nothing(
    http: requests.Session, stack: RunningStack, method: str, template: str, bad_id: str
):
    response = http.request(method, stack.url + template.format(bad_id), json={}, timeout=10)
    error_of(response, (404, 422))
    assert "root:" not in response.text and "[fonts]" not in response.text


@pytest.mark.parametrize(("method", "template"), ID_ROUTES)
@pytest.mark.parametrize("bad_id", ["%00", "tkt_%00", "a%0d%0aSet-Cookie:%20x=1"])
def test_nul_or_crlf_in_id_is_4xx(
    http: requests.Session, stack: RunningStack, method: str, template: str, bad_id: str
):
    response = http.request(method, stack.url + template.format(bad_id), json={}, timeout=10)
    error_of(response, (404, 422))
    assert "set-cookie" not in {name.lower() for name in response.headers}


# Routes and methods ----------------------------------------------------------------


@pytest.mark.parametrize(("path", "allowed"), list(ROUTES.items()))
def test_every_other_method_on_a_route_is_405_with_allow(
    http: requests.Session, stack: RunningStack, path: str, allowed: str
):
    for method in METHODS:
        if method in allowed.split(", "):
            continue
        response = http.request(method, f"{stack.url}{path}", timeout=10)
        assert error_of(response, 405)["code"] == "method_not_allowed", method
        assert response.headers["Allow"] == allowed, method


def test_unknown_http_verb_is_405_not_501(stack: RunningStack):
    status, headers, body = raw_exchange(stack, b"BREW /queue HTTP/1.1\r\nHost: local\r\n\r\n")
    assert status == 405 and headers["allow"] == "GET"
    assert json.loads(body)["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    "path",
    ["/TICKETS", "/tickets/next/extra", "/agents/a/b", "/%2e%2e/queue", "/tickets//status"],
)
def test_unknown_route_variants_are_404(http: requests.Session, stack: RunningStack, path: str):
    assert error_of(http.get(f"{stack.url}{path}", timeout=10), 404)["code"] == "not_found"


# Request framing -------------------------------------------------------------------


@pytest.mark.parametrize("length", [b"abc", b"-5", b"1_0"])
def test_malformed_content_length_is_400(stack: RunningStack, length: bytes):
    head = (
        b"POST /tickets HTTP/1.1\r\nHost: local\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + length + b'\r\n\r\n{"subject": "hi"}'
    )
    status, _, body = raw_exchange(stack, head)
    assert status == 400
    assert json.loads(body)["error"]["code"] == "bad_request"


def test_chunked_body_is_411_not_silently_dropped(stack: RunningStack):
    head = (
        b"POST /tickets HTTP/1.1\r\nHost: local\r\nContent-Type: application/json\r\n"
        b'Transfer-Encoding: chunked\r\n\r\n11\r\n{"subject": "hi"}\r\n0\r\n\r\n'
    )
    status, _, body = raw_exchange(stack, head)
    assert status == 411
    assert json.loads(body)["error"]["code"] == "length_required"


def test_header_too_large_is_431_in_error_shape(stack: RunningStack):
    head = b"GET /queue HTTP/1.1\r\nHost: local\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n"
    status, headers, body = raw_exchange(stack, head)
    assert status == 431 and headers["content-type"] == "application/json"
    assert "error" in json.loads(body)


# Content types and bodies ----------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    ["application/xml", "application/x-www-form-urlencoded", "text/json", "application/json5"],
)
def test_non_json_content_type_on_agent_update_is_415(
    http: requests.Session, stack: RunningStack, content_type: str
):
    response = http.put(
        f"{stack.url}/agents/fuzz-agent",
        data='{"capacity": 3}',
        headers={"Content-Type": content_type},
        timeout=10,
    )
    assert error_of(response, 415)["code"] == "unsupported_media_type"


def test_json_with_charset_parameter_is_accepted(http: requests.Session, stack: RunningStack):
    response = http.post(
        f"{stack.url}/tickets",
        data=json.dumps({"subject": "charset given"}).encode(),
        headers={"Content-Type": "Application/JSON; charset=utf-8"},
        timeout=10,
    )
    assert response.status_code == 202, response.text


@pytest.mark.parametrize(("method", "path"), [("POST", "/tickets"), ("PUT", "/agents/fuzz-agent")])
def test_empty_body_is_422(http: requests.Session, stack: RunningStack, method: str, path: str):
    response = send_json_text(http, stack, method, path, b"")
    assert error_of(response, 422)["code"] == "validation_error"


@pytest.mark.parametrize("text", ["[]", '[{"capacity": 1}]', "3", '"online"', "true", "null"])
def test_array_or_scalar_agent_update_is_422(
    http: requests.Session, stack: RunningStack, text: str
):
    response = send_json_text(http, stack, "PUT", "/agents/fuzz-agent", text)
    assert error_of(response, 422)["code"] == "validation_error"


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", "/tickets", {"subject": "hi", "customer_id": 42}, "customer_id"),
        ("POST", "/tickets", {"subject": "hi", "channel": 1}, "channel"),
        ("POST", "/tickets", {"body": 3.5}, "body"),
        ("PUT", "/agents/fuzz-agent", {"status": 1}, "status"),
        ("PUT", "/agents/fuzz-agent", {"capacity": "3"}, "capacity"),
        ("PUT", "/agents/fuzz-agent", {"skills": {"Billing": "0.9"}}, "skills"),
    ],
)
def test_wrong_json_types_are_422_naming_the_field(
    http: requests.Session, stack: RunningStack, method: str, path: str, body: Any, field: str
):
    response = http.request(method, f"{stack.url}{path}", json=body, timeout=10)
    error = error_of(response, 422)
    assert any(d["field"].startswith(field) for d in error["details"]), error


def test_duplicate_json_keys_take_the_last_value(http: requests.Session, stack: RunningStack):
    text = '{"subject": "hi", "customer_id": "first", "customer_id": "second-wins"}'
    response = send_json_text(http, stack, "POST", "/tickets", text)
    assert response.status_code == 202, response.text
    ticket_id = response.json()["ticket_id"]
    status = http.get(f"{stack.url}/tickets/{ticket_id}/status", timeout=10).json()
    assert status["customer_id"] == "second-wins"


def test_overlong_idempotency_key_is_422(http: requests.Session, stack: RunningStack):
    response = http.post(
        f"{stack.url}/tickets",
        json={"subject": "hi"},
        headers={"Idempotency-Key": "k" * 10_000},
        timeout=10,
    )
    assert error_of(response, 422)["code"] == "validation_error"


# Query strings ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/queue", "/incidents", f"/incidents/{UNKNOWN_INCIDENT}"])
@pytest.mark.parametrize("limit", ["1" + "0" * 30, "9" * 5_000, "-1", "1.5", "1e3", ""])
def test_huge_or_odd_limit_is_422(
    http: requests.Session, stack: RunningStack, path: str, limit: str
):
    response = http.get(f"{stack.url}{path}", params={"limit": limit}, timeout=10)
    assert error_of(response, 422)["code"] == "validation_error"


@pytest.mark.parametrize("path", ["/incidents", f"/incidents/{UNKNOWN_INCIDENT}"])
@pytest.mark.parametrize("cursor", ["abc", "-1", "%00", "\u202e1", "1" * 30, "' OR 1=1 --"])
def test_malformed_incident_cursor_is_422(
    http: requests.Session, stack: RunningStack, path: str, cursor: str
):
    response = http.get(f"{stack.url}{path}", params={"cursor": cursor}, timeout=10)
    assert error_of(response, 422)["code"] == "validation_error"


@pytest.mark.parametrize(
    "query",
    ["limit=1&limit=500", "limit=5&limit=5", "cursor=a&cursor=b", "agent=Agent1&agent=Agent2"],
)
def test_repeated_query_parameter_is_422(http: requests.Session, stack: RunningStack, query: str):
    path = "/tickets/next" if query.startswith("agent") else "/queue"
    response = http.get(f"{stack.url}{path}?{query}", timeout=10)
    assert error_of(response, 422)["code"] == "validation_error"


def test_array_of_ticket_objects_is_422_not_its_first_element(
    http: requests.Session, stack: RunningStack
):
    response = send_json_text(http, stack, "POST", "/tickets", '[{"subject": "hi"}, 5]')
    error = error_of(response, 422)
    assert error["details"] == [
        {"field": "body", "in": "body", "issue": "the body must be a JSON object"}
    ]
