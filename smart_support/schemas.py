"""Request and response bodies of the HTTP API (Pydantic; they also make the OpenAPI document)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonDict
from pydantic_core import PydanticCustomError

from smart_support.config import Category, get_settings
from smart_support.masking import model_text
from smart_support.records import TicketRecord

MetadataValue = str | int | float | bool | None
# The rule has_text() enforces, said in the OpenAPI document so clients and fuzzers know it.
_SOME_TEXT: JsonDict = {
    "anyOf": [
        {"required": [name], "properties": {name: {"type": "string", "pattern": r"\S"}}}
        for name in ("subject", "body", "description")
    ]
}


_TEXT_LIMITS: dict[str, Callable[[], int]] = {
    "subject": lambda: get_settings().max_subject_chars,
    "body": lambda: get_settings().max_text_chars,
    "description": lambda: get_settings().max_text_chars,
}


def _max_length(setting: str) -> Callable[[JsonDict], None]:
    def document(schema: JsonDict) -> None:
        schema["maxLength"] = getattr(get_settings(), setting)

    return document


class TicketIn(BaseModel):
    """A new ticket: at least one of subject, body and description must hold text."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_SOME_TEXT)

    # The length limits are settings, read when a request is validated or the document built.
    subject: str | None = Field(default=None, json_schema_extra=_max_length("max_subject_chars"))
    body: str | None = Field(default=None, json_schema_extra=_max_length("max_text_chars"))
    description: str | None = Field(default=None, json_schema_extra=_max_length("max_text_chars"))
    customer_id: str | None = Field(default=None, max_length=128, pattern=r"^[A-Za-z0-9._:@-]+$")
    channel: Literal["email", "chat", "web", "phone", "social", "api"] | None = None
    metadata: dict[str, MetadataValue] | None = Field(
        default=None,
        max_length=20,
        json_schema_extra={"propertyNames": {"minLength": 1, "maxLength": 64}},
    )

    @field_validator("subject", "body", "description")
    @classmethod
    def within_limits(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return value
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate escape: no text Redis or SQS can carry
            raise PydanticCustomError(
                "string_unicode",
                "Input should be a valid string, unable to parse raw data as a unicode string",
            ) from None
        limit = _TEXT_LIMITS[info.field_name or ""]()
        if len(value) > limit:
            raise PydanticCustomError(
                "string_too_long",
                "String should have at most {max_length} characters",
                {"max_length": limit},
            )
        if "\x00" in value:
            raise ValueError("text must not contain NUL characters")
        return value

    @field_validator("metadata")
    @classmethod
    def metadata_is_small(cls, value: dict[str, MetadataValue] | None) -> Any:
        if value is None:
            return value
        for key, item in value.items():
            if not 0 < len(key) <= 64:
                raise ValueError("metadata keys must have 1 to 64 characters")
            if isinstance(item, str) and len(item) > 512:
                raise ValueError("metadata values must have at most 512 characters")
            if "\x00" in key or (isinstance(item, str) and "\x00" in item):
                raise ValueError("metadata must not contain NUL characters")
            # NaN and Infinity are not JSON: stored, they would break every reader downstream.
            if isinstance(item, float) and not math.isfinite(item):
                raise ValueError("metadata numbers must be finite")
        if len(json.dumps(value)) > 4096:
            raise ValueError("metadata must serialise to at most 4096 bytes")
        return value

    @model_validator(mode="after")
    def has_text(self) -> TicketIn:
        if not any((t or "").strip() for t in (self.subject, self.body, self.description)):
            raise ValueError("at least one of subject, body or description must be non-blank")
        return self

    def text(self) -> str:
        """The text the classifiers read."""
        return model_text(self.subject, self.body, self.description)


class CorrectionIn(BaseModel):
    """Body of POST /tickets/{id}/correction: a new category and/or urgency score."""

    model_config = ConfigDict(extra="forbid")

    category: Category | None = None
    urgency_score: float | None = Field(default=None, ge=0.0, le=1.0, allow_inf_nan=False)
    reason: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def changes_something(self) -> CorrectionIn:
        if self.category is None and self.urgency_score is None:
            raise ValueError("give a category, an urgency_score or both")
        return self


Skill = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]


class AgentUpdate(BaseModel):
    """Body of PUT /agents/{agent_id}. Omitted fields keep their value; skills merge per
    category (set a skill to 0 to take it away)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    skills: dict[Category, Skill] | None = None
    capacity: Annotated[int, Field(ge=0, le=1000)] | None = None
    status: Literal["online", "offline"] | None = None


class Agent(BaseModel):
    """An agent as GET /agents shows it."""

    agent_id: str
    skills: dict[str, float]
    capacity: int
    status: Literal["online", "offline"]
    load: int
    open_tickets: list[str]


class TicketAccepted(BaseModel):
    ticket_id: str
    status: Literal["accepted"] = "accepted"
    status_url: str


Probability = Annotated[float, Field(ge=0.0, le=1.0)]


class NearestExample(BaseModel):
    """A labelled training example close to the ticket (the model layer's neighbour index)."""

    id: str
    category: str
    similarity: float = Field(description="cosine between the two embeddings")
    excerpt: str = Field(description="the example's first words")


class CategoryEvidence(BaseModel):
    probabilities: dict[str, Probability] = Field(description="every category's probability")
    nearest: list[NearestExample] = Field(description="the 3 nearest labelled examples")


class RatedExample(BaseModel):
    id: str
    urgency: float | None = None
    similarity: float


class UrgencySignals(BaseModel):
    source: str = Field(description="which classifier answered and what it reads")
    nearest_rated: list[RatedExample] | None = Field(
        default=None, description="model: the nearest training examples with an urgency label"
    )
    rules: list[str] | None = Field(
        default=None, description="baseline: the keyword rules that matched, with their weights"
    )


class UrgencyEvidence(BaseModel):
    score: Probability
    label: Literal["high", "medium", "low"]
    signals: UrgencySignals


class AgentCard(BaseModel):
    agent_id: str
    skill: float = Field(description="the agent's skill for the ticket's category")
    load: int = Field(description="open tickets when routing looked")
    capacity: int
    status: str


class RunnerUp(AgentCard):
    lost_because: str


class RoutingEvidence(BaseModel):
    agent: AgentCard | None = Field(
        default=None, description="the chosen agent; absent while the ticket waits"
    )
    runner_up: RunnerUp | None = None
    waiting_because: str | None = None


class StormEvidence(BaseModel):
    incident_id: str | None = Field(default=None, description="the master incident joined")
    cluster_similarity: float | None = Field(
        default=None,
        description="cosine to the cluster's representative; 1.0 when the ticket founded it",
    )
    member_count: int = Field(description="members of the storm when the ticket was counted")


class Explanation(BaseModel):
    """Why the ticket was decided so, from the same pass that decided it (at most 2 KB)."""

    category: CategoryEvidence
    urgency: UrgencyEvidence
    routing: RoutingEvidence | None = None
    storm: StormEvidence | None = None


class CorrectionRecord(BaseModel):
    """The latest correction of a ticket: who changed what from what to what, and when."""

    by: str
    at: str
    from_category: str
    to_category: str
    from_urgency: float
    to_urgency: float
    reason: str | None = None


class TicketStatus(BaseModel):
    ticket_id: str
    status: Literal["pending", "processing", "completed", "master_incident", "resolved"]
    category: str | None = None
    category_confidence: float | None = None
    urgency_score: float | None = None
    urgency_label: Literal["high", "medium", "low"] | None = None
    assigned_agent: str | None = None
    incident_id: str | None = None
    model: Literal["onnx", "baseline"] | None = None
    customer_id: str | None = None
    channel: str | None = None
    created_at: str
    updated_at: str | None = None
    processing_at: str | None = None
    completed_at: str | None = None
    resolved_at: str | None = None
    dequeued_at: str | None = None
    needs_review: bool | None = Field(
        default=None, description="true when category_confidence is under REVIEW_CONFIDENCE"
    )
    explanation: Explanation | None = None
    correction: CorrectionRecord | None = None


class TicketDetail(TicketStatus):
    subject: str | None = None
    body: str | None = None
    description: str | None = None


class QueueOut(BaseModel):
    items: list[TicketStatus]
    next_cursor: str | None


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[Any] | None = None


class ErrorOut(BaseModel):
    error: ErrorBody


def status_of(record: TicketRecord, model: type[TicketStatus] = TicketStatus) -> TicketStatus:
    """A ticket's status as the API answers it (``TicketDetail`` adds the text)."""
    return model.model_validate(
        record.model_dump(include=set(model.model_fields), exclude_none=True)
    )


class IncidentSummary(BaseModel):
    incident_id: str
    status: Literal["open", "quiet"] = Field(description="quiet: no member within the window")
    representative_text: str
    category: str
    member_count: int
    first_seen: str
    last_seen: str
    max_urgency: float
    embedding_space: str


class IncidentPage(BaseModel):
    items: list[IncidentSummary]
    next_cursor: str | None


class IncidentDetail(IncidentSummary):
    member_ids: list[str] = Field(description="one page of members, in arrival order")
    next_member_cursor: str | None


class Resolved(BaseModel):
    ticket_id: str
    status: Literal["resolved"]
    agent_id: str | None = Field(description="the agent whose slot was freed")
    already_resolved: bool
    handed_ticket_id: str | None = Field(description="the waiting ticket that agent got")


class CorrectionOut(BaseModel):
    """One correction as recorded (without the ticket's text); Redis keeps the values as text."""

    id: str
    ticket_id: str | None = None
    by: str | None = None
    at: str | None = None
    from_category: str | None = None
    to_category: str | None = None
    from_urgency: str | None = None
    to_urgency: str | None = None
    urgency_corrected: str | None = None
    reason: str | None = None


class CorrectionsOut(BaseModel):
    items: list[CorrectionOut]


class HealthOut(BaseModel):
    status: Literal["ok", "unavailable"]
    down: list[str] | None = None
    checks: dict[str, Any]
