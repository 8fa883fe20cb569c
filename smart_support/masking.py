"""Volatile details masked out of a ticket before the encoder reads it.

Real tickets carry identifiers that say nothing about what the ticket asks for: order and
invoice numbers, reference codes, e-mail addresses, URLs, amounts, dates, phone numbers.
Left in, they pull two tickets of one storm apart ("Order 48213 not delivered" against
"Order 99812 not delivered") and hand the heads tokens no other ticket shares. Each kind
becomes one fixed word, so the encoder still reads that an order number or an amount was
there. Short numbers stay (HTTP 503, "2 users", "error 42"): they often carry meaning.

Greetings and sign-offs go too ("Hi Maria,", "Thanks, Tom", a closing name line): they
name the sender, not the problem, and in a short ticket they move the embedding as much as
the problem does. Only a greeting line or a closing made of thanks/regards words and a name
is taken; "Thanks for the fix, but it broke again" stays.

The build embeds its training texts through the same functions, so the heads learn the
vectors that are served.
"""

from __future__ import annotations

import re


def model_text(*parts: str | None) -> str:
    """The text the model reads for a ticket: its non-blank parts, stripped, one per line.

    Intake sends it with every ticket (subject, body, description) and the build makes its
    training texts with it, so both read tickets the same way.
    """
    return "\n".join(part.strip() for part in parts if part and part.strip())


# Order matters: a URL or e-mail address contains digits and dots that later rules would
# otherwise take apart.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE), " url "),
    (re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"), " email "),
    # Amounts with a currency sign or code before or after the number.
    (
        re.compile(
            r"(?:[$€£¥]\s?\d[\d,.]*(?:\s?[kKmM]\b)?)"
            r"|(?:\b\d[\d,.]*\s?(?:USD|EUR|GBP|CAD|AUD|INR|JPY|CHF|dollars|euros|pounds)\b)",
            re.IGNORECASE,
        ),
        " $ amount ",
    ),
    # Dates: 2024-05-01, 05/09/2019, 5.9.19; times: 06:30, 6:30pm.
    (
        re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?\b"),
        " date ",
    ),
    (re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"), " date "),
    (re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s?(?:[ap]\.?m\.?)?(?=\W|$)", re.IGNORECASE), " time "),
    # Phone numbers: + and 8 or more digits with spaces, dashes, dots or brackets between.
    (re.compile(r"(?<![\w])\+?\(?\d[\d\s().-]{7,}\d\b"), " phone "),
    # Identifiers: a token of 4+ characters with at least two digits (INV-7712, 48213,
    # A7F3K9Q2, 0x80070005, #71904), or 8+ upper-case letters and digits mixed. A year
    # (1900-2099) stays: "since 2019" is not an identifier.
    (
        re.compile(r"#?\b(?!(?:19|20)\d\d\b)(?=[\w-]*\d[\w-]*\d)[A-Za-z0-9][\w-]{3,}\b"),
        " id ",
    ),
    (re.compile(r"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{8,}\b"), " id "),
)
_SPACES = re.compile(r"[ \t]+")
# A capitalised name of one to three words ("Tom", "Maria Lopez", "Jean-Luc O'Neill").
_NAME = r"[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*){0,2}"
_GREETING = re.compile(
    r"(?m)^[ \t]*(?i:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b"
    r"[^\n,.!:?]{0,40}[,.!:]?[ \t]*(?:\n|$)"
)
_CLOSING = re.compile(
    r"(?:^|(?<=[.!?\n]))[ \t]*"
    r"(?i:many thanks|thanks|thank you|thx|regards|best regards|kind regards|warm regards|"
    r"best wishes|best|cheers|sincerely|br)(?i: (?:a lot|so much|in advance))?[ \t]*[,.!]*"
    rf"(?:[ \t]*{_NAME})?[ \t]*(?:\n[^\n]{{0,60}}){{0,3}}\s*$"
)
# A last line holding only a name (a signature) after a finished sentence; not words in
# capitals ("Site DOWN"), nor a subject-like last line ("URGENT\nProduction Down").
_CLOSING_NAME = re.compile(
    r"(?<=[.!?)])[ \t]*\n[ \t]*[A-Z][a-z'-]+(?:[ \t]+[A-Z][a-z'-]+){0,2}[ \t]*$"
)


def mask_volatile(text: str) -> str:
    """``text`` without greeting and sign-off, identifiers, addresses, amounts, dates and
    phone numbers masked."""
    text = _GREETING.sub("", text, count=1)
    text = _CLOSING.sub("", text)
    text = _CLOSING_NAME.sub("", text)
    for pattern, word in _RULES:
        text = pattern.sub(word, text)
    return _SPACES.sub(" ", text).strip()
