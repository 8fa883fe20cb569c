"""The operator console: one static page (HTML, CSS, plain JavaScript) served at /console.

The three files in ``static/`` are joined into one page once per process, and the page is
sent with a Content-Security-Policy that allows exactly its own script and style (by hash)
and calls to this API, so even text that slipped into the page as markup could not run.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"


@dataclass(frozen=True)
class Page:
    html: str
    policy: str


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@cache
def console_page() -> Page:
    css = (STATIC / "console.css").read_text("utf-8")
    js = (STATIC / "console.js").read_text("utf-8")
    html = (
        (STATIC / "console.html").read_text("utf-8").replace("/*CSS*/", css).replace("/*JS*/", js)
    )
    policy = (
        f"default-src 'none'; script-src {_hash(js)}; style-src {_hash(css)}; "
        "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )
    return Page(html, policy)
