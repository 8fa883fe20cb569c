"""An HTTP front that turns requests into API Gateway REST (v1) proxy events.

It matches the template's routes, lets the gate (local_stack/gate.py) authorize guarded
routes the way API Gateway runs the template's authorizer, invokes the same handler AWS
would, and writes the proxy response back.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from local_stack.gate import Gate, Refusal
from local_stack.poller import LambdaContext
from local_stack.template import StackConfig
from smart_support.observability import logger

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]
MAX_BODY_BYTES = 10 * 1024 * 1024  # API Gateway's payload limit
STAGE = "local"
ERROR_CODES = {400: "bad_request", 411: "length_required", 413: "payload_too_large"}


def build_api_event(
    method: str,
    raw_path: str,
    headers: Mapping[str, str],
    body: bytes,
    resource: str,
    path_params: dict[str, str],
) -> dict[str, Any]:
    url = urlsplit(raw_path)
    query = parse_qs(url.query, keep_blank_values=True)
    try:
        text, encoded = body.decode("utf-8"), False
    except UnicodeDecodeError:
        text, encoded = base64.b64encode(body).decode(), True
    header_map = dict(headers)
    multi_headers: dict[str, list[str]] = {k: [v] for k, v in header_map.items()}
    path = unquote(url.path)
    return {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": header_map or None,
        "multiValueHeaders": multi_headers or None,
        "queryStringParameters": {k: v[-1] for k, v in query.items()} or None,
        "multiValueQueryStringParameters": query or None,
        "pathParameters": path_params or None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": resource,
            "httpMethod": method,
            "path": path,
            "stage": STAGE,
            "requestId": str(uuid.uuid4()),
            "requestTimeEpoch": int(time.time() * 1000),
            "identity": {"sourceIp": "127.0.0.1", "userAgent": header_map.get("User-Agent")},
            "protocol": "HTTP/1.1",
        },
        "body": text if body else None,
        "isBase64Encoded": encoded,
    }


class ApiFront:
    def __init__(
        self,
        config: StackConfig,
        handlers: Mapping[str, Handler],
        host: str,
        port: int,
        gate: Gate | None = None,
    ) -> None:
        self.config = config
        self.handlers = handlers
        self.gate = gate or Gate("open")
        self.host = host
        front = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes; with Nagle on, a keep-alive client's
            # delayed ACK stalls every response by ~40 ms.
            disable_nagle_algorithm = True

            def _serve(self) -> None:
                front.serve(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _serve

            def __getattr__(self, name: str) -> Callable[[], None]:
                # Any other verb goes to the API too, which answers 405 with Allow, not 501.
                if name.startswith("do_"):
                    return self._serve
                raise AttributeError(name)

            def send_error(
                self, code: int, message: str | None = None, explain: str | None = None
            ) -> None:
                # http.server's own refusals (bad request line, headers too long) in the
                # API's error shape rather than an HTML page.
                front.refuse(self, code, message or HTTPStatus(code).phrase)

            def log_message(self, format: str, *args: Any) -> None:  # quiet access log
                return

        class Server(ThreadingHTTPServer):
            request_queue_size = 256  # a burst of simultaneous clients must not be refused

        self.server = Server((host, port), RequestHandler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.server.server_port}"

    def start(self) -> ApiFront:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def serve(self, request: BaseHTTPRequestHandler) -> None:
        if "Transfer-Encoding" in request.headers:
            self.refuse(request, 411, "send the body with a Content-Length, not chunked")
            return
        declared = (request.headers.get("Content-Length") or "0").strip()
        if not re.fullmatch(r"[0-9]{1,12}", declared):
            self.refuse(request, 400, "Content-Length is not a valid length")
            return
        length = int(declared)
        if length > MAX_BODY_BYTES:
            self.refuse(request, 413, "request body too large")
            return
        body = request.rfile.read(length) if length else b""
        path = urlsplit(request.path).path
        found = self.config.route_for(request.command, unquote(path))
        if found is None:
            # No route: the query function's catch-all answers 404/405 in the API's shape.
            params: dict[str, str] = {}
            function, resource, guarded = "QueryFunction", path, False
        else:
            route, params = found
            function, resource, guarded = route.function, route.path, route.authorized
        event = build_api_event(
            request.command, request.path, dict(request.headers.items()), body, resource, params
        )
        if guarded:
            verdict = self.gate.check(request.command, unquote(path), dict(request.headers), event)
            if isinstance(verdict, Refusal):
                self._write(
                    request,
                    {
                        "statusCode": verdict.status,
                        "body": json.dumps(
                            {"error": {"code": verdict.code, "message": verdict.message}}
                        ),
                        "headers": {"Content-Type": "application/json", **dict(verdict.headers)},
                    },
                )
                return
            event["requestContext"]["authorizer"] = verdict
        try:
            response = self.handlers[function](event, LambdaContext(function))
        except Exception:
            logger.exception("function raised", extra={"function": function})
            self._reply(
                request, 502, {"error": {"code": "bad_gateway", "message": "the function failed"}}
            )
            return
        self._write(request, response)

    def _write(self, request: BaseHTTPRequestHandler, response: dict[str, Any]) -> None:
        body = response.get("body") or ""
        payload = base64.b64decode(body) if response.get("isBase64Encoded") else body.encode()
        request.send_response(int(response.get("statusCode", 200)))
        headers: dict[str, str] = dict(response.get("headers") or {})
        for name, values in (response.get("multiValueHeaders") or {}).items():
            headers.setdefault(name, ", ".join(values))
        for name, value in headers.items():
            if name.lower() != "content-length":
                request.send_header(name, str(value))
        request.send_header("Content-Length", str(len(payload)))
        request.end_headers()
        if request.command != "HEAD":
            request.wfile.write(payload)

    def refuse(self, request: BaseHTTPRequestHandler, status: int, message: str) -> None:
        """Answer before the body was read, so the connection cannot be reused."""
        request.close_connection = True
        code = ERROR_CODES.get(status) or re.sub(r"[^a-z]+", "_", HTTPStatus(status).phrase.lower())
        self._reply(request, status, {"error": {"code": code, "message": message}})

    def _reply(self, request: BaseHTTPRequestHandler, status: int, body: Any) -> None:
        self._write(
            request,
            {
                "statusCode": status,
                "body": json.dumps(body),
                "headers": {"Content-Type": "application/json"},
            },
        )
