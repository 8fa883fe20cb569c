"""Storms as real traffic makes them: incidents per storm and false merges, prints tables.

Real storms are not copies of one text: each ticket carries its own order number, reference,
name, e-mail address, link, amount or time, and people word the same problem a little
differently. This program writes eight storms of 30 such tickets each (eight different
problems, among them a login failure and a billing-page failure, which must never merge),
interleaves them over four minutes, runs them through the ONNX model and the real
StormDetector on a private Redis, and counts per storm how many master incidents it became
and whether any incident mixed two problems. Storms come in two kinds: small wording (one
wording, each ticket with its own greeting, filler sentence and sign-off) and rephrased
(three different wordings). Each runs side by side with the masking the model applies
(smart_support.masking) and with raw text, as before masking.

    .venv/bin/python bench/storms_real.py
"""

from __future__ import annotations

import random
import sys
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import redis

from local_stack.redis_server import PrivateRedis
from smart_support import encoder
from smart_support.config import Settings
from smart_support.dal.storms import StormDetector
from smart_support.dedup import StormInput
from smart_support.keys import Keys

PER_STORM = 30
SPAN_SECONDS = 240.0
T0 = 1_700_000_000.0
NAMES = (
    "Maria Lopez",
    "Tom Becker",
    "Aisha Khan",
    "Li Wei",
    "Jon Smith",
    "Priya Nair",
    "Ola Nordmann",
    "Kenji Sato",
    "Fatima Zahra",
    "Pierre Martin",
    "Anna Kowalska",
)


DOMAINS = ("gmail.com", "outlook.com", "corp.example")


def _ref(rng: random.Random) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))


def _fill(rng: random.Random) -> dict[str, str]:
    name = rng.choice(NAMES)
    user = name.split()[0].lower()
    return {
        "name": name,
        "first": name.split()[0],
        "order": str(rng.randint(10000, 99999)),
        "ref": _ref(rng),
        "email": f"{user}.{rng.randint(1, 999)}@{rng.choice(DOMAINS)}",
        "url": f"https://shop.example.com/account/orders/{rng.randint(10000, 99999)}?s={_ref(rng)}",
        "amount": f"${rng.randint(12, 480)}.{rng.randint(0, 99):02d}",
        "time": f"{rng.randint(6, 11)}:{rng.randint(0, 59):02d}",
        # One release broke the app for everyone: the storm shares its version.
        "version": "6.14.2",
    }


# Each problem: a few ways people write it. {..} are the per-ticket details.
STORMS: dict[str, tuple[str, ...]] = {
    "order not delivered": (
        "Order {order} not delivered\nHi, my order {order} (ref {ref}) was due yesterday and "
        "tracking hasn't moved. Can you check?\n{name}",
        "Order #{order} still not here\nHello, order {order} never arrived, the tracking "
        "link {url} shows no update since Monday. Thanks, {first}",
        "Where is my order {order}?\nMy package for order {order} has not been delivered. "
        "Reference {ref}. Please help. {email}",
    ),
    "login failure": (
        "Can't log in\nSince {time} this morning I can't sign in, the login page says "
        "'invalid session' every time. Account {email}.\n{name}",
        "Login not working\nHi, login fails for me (user {email}) with 'invalid session', "
        "tried two browsers. Ref {ref}",
        "Cannot sign in to my account\nGetting 'invalid session' on the login page since "
        "{time}, can't get into my account.\n{first}",
    ),
    "billing page error": (
        "Billing page error\nThe billing page shows 'error 500' when I open invoice {ref}. "
        "Account {email}",
        "Invoices page broken\nHi, opening my invoices in the billing section gives an error "
        "500 (invoice {ref}).\n{name}",
        "Error on billing page\nWhen I click Billing > Invoices I get error 500, invoice "
        "{ref} won't open. Thanks, {first}",
    ),
    "charged twice": (
        "Charged twice for order {order}\nI was charged {amount} twice for order {order}. "
        "Please refund one.\n{name}",
        "Double charge\nHi, my card was billed twice, {amount} each, for order {order} "
        "(ref {ref}). {email}",
        "Duplicate payment order {order}\nYou took {amount} two times for the same order "
        "{order}. Refund please.\n{first}",
    ),
    "reset e-mail missing": (
        "Password reset email not arriving\nI requested a password reset for {email} at "
        "{time} and no email came, spam folder checked.\n{name}",
        "No reset email\nHi, the 'forgot password' email never arrives for {email}. Ref {ref}",
        "Reset link not received\nTried the password reset three times since {time}, "
        "nothing in my inbox ({email}).\n{first}",
    ),
    "app crash on start": (
        "App crashes on launch\nAfter updating to version {version} the app closes "
        "immediately on start. Phone ref {ref}.\n{name}",
        "App won't open after update\nHi, since version {version} the app crashes as soon as "
        "I open it. {email}",
        "Crash at startup v{version}\nThe app crashes on startup since the {version} update, "
        "reinstalling didn't help.\n{first}",
    ),
    "export stuck": (
        "Data export stuck\nMy data export (job {ref}) has been 'in progress' since {time} "
        "yesterday. Account {email}",
        "Export never finishes\nHi, the CSV export I started (ref {ref}) is stuck at 0%.\n{name}",
        "Export job stuck\nExport {ref} still running after hours, can you check it?\n{first}",
    ),
    "card declined at checkout": (
        "Card declined at checkout\nMy card keeps getting declined at checkout for order "
        "{order}, the bank says nothing was blocked.\n{name}",
        "Payment declined\nHi, checkout says 'payment declined' for {amount}, card works "
        "everywhere else. Ref {ref}. {email}",
        "Checkout fails, card declined\nCan't pay for order {order}, card declined every "
        "time since {time}.\n{first}",
    ),
}


GREETINGS = ("", "Hi,\n", "Hello,\n", "Hi team,\n", "Good morning,\n", "Dear support,\n")
FILLERS = ("", " Please help.", " Any update?", " Thanks in advance.", " This is urgent for us.")
CLOSINGS = ("", "\nThanks,\n{first}", "\n{name}", "\nBest regards\n{name}", " Thanks!", "\nCheers")


def _small_variation(rng: random.Random, form: str) -> str:
    """The form's subject and body, with its own greeting, filler and sign-off."""
    subject, body = form.split("\n", 1)
    body = body.rsplit("\n", 1)[0] if "\n{" in body else body  # the form's own sign-off
    return f"{subject}\n{rng.choice(GREETINGS)}{body}{rng.choice(FILLERS)}{rng.choice(CLOSINGS)}"


def tickets(rephrased: bool, seed: int = 7) -> list[tuple[str, str, float]]:
    """(storm, text, arrival time) for every ticket, interleaved in time.

    Small wording: every ticket of a storm is its first form with its own details,
    greeting, filler sentence and sign-off. Rephrased: each ticket takes one of the storm's
    three forms, worded differently throughout.
    """
    rng = random.Random(seed)
    out = []
    for storm, forms in STORMS.items():
        for _ in range(PER_STORM):
            form = rng.choice(forms) if rephrased else _small_variation(rng, forms[0])
            out.append((storm, form.format(**_fill(rng)), T0 + rng.uniform(0, SPAN_SECONDS)))
    return sorted(out, key=lambda item: item[2])


def run(
    client: redis.Redis, model: encoder.OnnxClassifier, masked: bool, rephrased: bool
) -> dict[str, object]:
    batch = tickets(rephrased)
    patch: Callable[[str], str] | None = None if masked else (lambda text: text)
    with mock.patch.object(encoder, "mask_volatile", patch or encoder.mask_volatile):
        answers = model.classify_batch([text for _, text, _ in batch])
    prefix = f"bench-real-storms-{uuid.uuid4().hex[:10]}"
    detector = StormDetector(client, Keys(prefix), Settings())
    items = [
        StormInput(
            ticket_id=f"t{i}",
            embedding=answer.embedding,
            embedding_space=answer.embedding_space,
            excerpt=text[:80],
            category=answer.category,
            urgency=answer.urgency_score,
            at=at,
        )
        for i, ((_, text, at), answer) in enumerate(zip(batch, answers, strict=True))
    ]
    decisions = {}
    try:
        for begin in range(0, len(items), 10):
            decisions.update(detector.observe_batch(items[begin : begin + 10]))
    finally:
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            client.delete(key)
    per_storm: dict[str, set[str]] = defaultdict(set)
    linked: dict[str, int] = defaultdict(int)
    members: dict[str, set[str]] = defaultdict(set)
    # Members counted before the incident opened are relabelled when it opens.
    relabelled = {
        ticket: d.incident_id
        for d in decisions.values()
        if d.opened_incident
        for ticket in d.linked_ticket_ids
    }
    for i, (storm, _, _) in enumerate(batch):
        incident = decisions[f"t{i}"].incident_id or relabelled.get(f"t{i}")
        if incident:
            per_storm[storm].add(incident)
            linked[storm] += 1
            members[incident].add(storm)
    return {
        "per_storm": {s: (len(per_storm[s]), linked[s]) for s in STORMS},
        "false_merges": sum(1 for kinds in members.values() if len(kinds) > 1),
        "incidents": len(members),
    }


def main() -> None:
    private = PrivateRedis().start()
    try:
        client = redis.Redis.from_url(private.url, decode_responses=True)
        model = encoder.OnnxClassifier().load()
        results = {
            (rephrased, masked): run(client, model, masked, rephrased)
            for rephrased in (False, True)
            for masked in (True, False)
        }
    finally:
        private.stop()
    settings = Settings()
    print(
        f"Real-style storms: {len(STORMS)} problems x {PER_STORM} tickets over "
        f"{SPAN_SECONDS:.0f} s, each with its own order number, reference, name, e-mail, link, "
        f"amount or time; ONNX model + StormDetector\n(similarity > "
        f"{settings.dedup_similarity}, more than {settings.storm_min_tickets} tickets in "
        f"{settings.storm_window_seconds} s) on a private Redis. Masked: the text the model "
        "reads (smart_support.masking); raw: the text as sent."
    )
    for rephrased, title in (
        (False, "small wording: one wording per storm, own greeting, filler and sign-off"),
        (True, "rephrased: three different wordings per storm"),
    ):
        print(f"\n{title}\n")
        print("| storm | incidents, masked | tickets linked | incidents, raw | tickets linked |")
        print("|---|--:|--:|--:|--:|")
        masked, raw = results[(rephrased, True)], results[(rephrased, False)]
        for storm in STORMS:
            m = masked["per_storm"][storm]  # type: ignore[index]
            r = raw["per_storm"][storm]  # type: ignore[index]
            print(f"| {storm} | {m[0]} | {m[1]}/{PER_STORM} | {r[0]} | {r[1]}/{PER_STORM} |")
        for name, result in (("masked", masked), ("raw", raw)):
            print(
                f"{name}: {result['incidents']} incidents for {len(STORMS)} storms, "
                f"{result['false_merges']} mixing two problems"
            )


if __name__ == "__main__":
    main()
