"""Explanations and corrections' training records: pure functions, no I/O."""

from __future__ import annotations

import json

from smart_support.baseline import classify_text
from smart_support.classification import Classification, Neighbour
from smart_support.config import Settings
from smart_support.corrections import training_records
from smart_support.explanation import MAX_BYTES, build_explanation, size
from smart_support.routing import AgentState, explain_assignment

AGENTS = [
    AgentState("Agent1", {"Technical": 0.95, "Billing": 0.4}, 5, 1, "online"),
    AgentState("Agent2", {"Billing": 0.95}, 5, 5, "online"),
    AgentState("Agent3", {"Billing": 0.6}, 5, 0, "offline"),
]


def test_the_runner_up_lost_on_skill_when_it_was_free_and_online():
    answer = explain_assignment("Technical", "Agent1", AGENTS)
    assert answer["agent"]["agent_id"] == "Agent1"  # type: ignore[index]
    assert answer["runner_up"] is None  # nobody else has the skill


def test_a_full_specialist_is_named_as_the_runner_up_and_why():
    answer = explain_assignment("Billing", "Agent1", AGENTS)
    assert answer["runner_up"]["agent_id"] == "Agent2"  # type: ignore[index]
    assert answer["runner_up"]["lost_because"] == "full (5/5)"  # type: ignore[index]


def test_a_waiting_ticket_says_every_able_agent_is_unavailable():
    answer = explain_assignment("Billing", None, AGENTS[1:])
    assert answer["agent"] is None
    assert answer["waiting_because"] == (
        "every agent with a skill for it is unavailable: Agent2 full (5/5), Agent3 offline"
    )


def test_the_baseline_names_the_rules_behind_its_urgency():
    result = classify_text("URGENT: the server is down, please fix ASAP")
    explanation = build_explanation(result, Settings(), None, None)
    rules = explanation["urgency"]["signals"]["rules"]
    assert "+0.35 'urgent'" in rules and "+0.25 'down'" in rules
    assert abs(sum(explanation["category"]["probabilities"].values()) - 1) < 1e-3


def test_an_explanation_never_exceeds_two_kilobytes():
    long = Neighbour("x" * 60, "Legal", 0.9, "é" * 200, 0.5)
    result = Classification(
        "Legal",
        0.9,
        0.5,
        "onnx",
        probabilities=(0.05, 0.05, 0.9),
        neighbours=(long,) * 3,
        urgency_neighbours=(long,) * 3,
    )
    routing = explain_assignment("Billing", "Agent1", AGENTS)
    explanation = build_explanation(result, Settings(), routing, None)
    assert size(explanation) <= MAX_BYTES
    assert len(json.dumps(explanation, separators=(",", ":")).encode()) == size(explanation)


def test_export_keeps_each_tickets_latest_label_and_urgency_only_when_an_agent_set_it():
    entries = [
        {"ticket_id": "t1", "to_category": "Legal", "to_urgency": "0.3", "urgency_corrected": "0"},
        {
            "ticket_id": "t2",
            "to_category": "Billing",
            "to_urgency": "0.9",
            "urgency_corrected": "1",
        },
        {"ticket_id": "t1", "to_category": "Technical", "to_urgency": "0.3"},
    ]
    records = training_records(iter(entries))
    assert [(r["id"], r["category"], r["urgency"]) for r in records] == [
        ("corr-t1", "Technical", None),
        ("corr-t2", "Billing", 0.9),
    ]
    assert {r["source"] for r in records} == {"agent-corrections"}
