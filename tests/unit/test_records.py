"""Redis rows become typed records at the store boundary: numbers, flags and JSON parsed once."""

from __future__ import annotations

from smart_support.records import AgentRecord, TicketRecord


def test_ticket_row_fields_are_read_as_what_they_mean() -> None:
    record = TicketRecord.from_row(
        "tkt_1",
        {
            "status": "completed",
            "urgency_score": "0.8123",
            "category_confidence": "0.9000",
            "created_ms": "1700000000000",
            "needs_review": "1",
            "explanation": '{"routing": {"agent": null}}',
            "metadata": '{"plan": "pro"}',
            "assigned_agent": "Agent1",
        },
    )
    assert record.ticket_id == "tkt_1"  # from the key when the hash does not carry it
    assert record.urgency_score == 0.8123 and record.category_confidence == 0.9
    assert record.created_ms == 1_700_000_000_000 and record.needs_review is True
    assert record.explanation == {"routing": {"agent": None}}
    assert record.metadata == {"plan": "pro"}


def test_absent_fields_stay_absent_and_body_joins_the_non_blank_texts() -> None:
    record = TicketRecord.from_row("tkt_2", {"status": "pending", "body": "a", "description": " "})
    assert record.category is None and record.needs_review is None and record.explanation is None
    assert record.text_body == "a"


def test_agent_entry_keeps_known_categories_and_reads_any_other_status_as_offline() -> None:
    record = AgentRecord.from_json('{"skills": {"Legal": 1, "Sales": 0.5}, "capacity": "3"}')
    assert record == AgentRecord(skills={"Legal": 1.0}, capacity=3, status="offline")
