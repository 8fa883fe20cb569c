"""Storm detection pieces that need no Redis: vector encoding, decision records, times."""

from __future__ import annotations

import json

import numpy as np

from smart_support.dal.incidents import INCIDENT_ID_RE
from smart_support.dedup import StormDecision, _decision, _decode_vector, _encode_vector
from smart_support.formats import iso_utc


def test_representative_survives_base64_float32_round_trip() -> None:
    vector = np.random.default_rng(3).standard_normal(384)
    vector /= np.linalg.norm(vector)
    text = _encode_vector(vector)
    assert text.isascii()
    assert len(text) == 2048  # 384 float32 values, base64: compact and fixed per cluster
    np.testing.assert_allclose(_decode_vector(text), vector, atol=1e-7)


def test_recorded_member_decision_parses_without_incident() -> None:
    raw = json.dumps({"t": "a", "c": "c1", "n": 3, "u": 0.4})
    assert _decision(raw) == StormDecision("a", "c1", None, False, (), 3)


def test_recorded_opener_decision_keeps_linked_tickets() -> None:
    raw = json.dumps({"t": "k", "c": "c1", "i": "inc_x", "o": True, "l": ["a", "b"], "n": 3})
    decision = _decision(raw)
    assert decision.opened_incident
    assert decision.linked_ticket_ids == ("a", "b")


def test_empty_linked_list_encoded_by_lua_as_object_reads_as_empty() -> None:
    # Lua's cjson cannot tell an empty array from an empty object.
    raw = json.dumps({"t": "k", "c": "c1", "i": "inc_x", "o": True, "l": {}, "n": 1})
    assert _decision(raw).linked_ticket_ids == ()


def test_times_are_iso_8601_utc_with_milliseconds() -> None:
    assert iso_utc(0.5) == "1970-01-01T00:00:00.500Z"


def test_incident_ids_are_recognisable() -> None:
    assert INCIDENT_ID_RE.match("inc_" + "ab" * 16)
    assert not INCIDENT_ID_RE.match("inc_../x")
