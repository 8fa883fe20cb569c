"""The SQS message body: one typed model that intake sends and the process function reads."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from smart_support.formats import TICKET_ID_PATTERN


class TicketMessage(BaseModel):
    """The SQS message body: what intake sends and the process function reads.

    Unknown fields are ignored, so a message from a newer or older intake still processes.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    ticket_id: str = Field(pattern=TICKET_ID_PATTERN)
    text: str = Field(pattern=r"\S", description="the text the model reads (model_text)")
    subject: str | None = None
    body: str | None = None
    description: str | None = None
    customer_id: str | None = None
    channel: str | None = None
    metadata: dict[str, Any] | None = None
    created_at: str | None = None
    created_ms: str | int | None = None
    updated_at: str | None = None
    submitted_by: str | None = None

    # What processing writes back if the ticket's record is gone (it expired or was evicted).
    RECREATE: ClassVar[frozenset[str]] = frozenset(
        {
            "ticket_id",
            "subject",
            "body",
            "description",
            "customer_id",
            "channel",
            "metadata",
            "created_at",
            "created_ms",
            "submitted_by",
        }
    )

    def record(self) -> dict[str, Any]:
        """The fields that recreate the ticket's record (absent ones as None)."""
        return self.model_dump(include=set(self.RECREATE))
