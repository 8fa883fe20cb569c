"""Every tunable of Smart-Support, read from the environment once and validated.

The README's configuration table and the template's environment list the same names. This
is the one module that reads the environment: the few platform variables the code needs
besides its settings (Powertools' and AWS' own) are read by the functions at the end.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Category = Literal["Billing", "Technical", "Legal"]
CATEGORIES: tuple[str, ...] = get_args(Category)


class ConfigError(ValueError):
    """A setting in the environment cannot be used; the message names the variable."""


Fraction = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Positive = Annotated[int, Field(gt=0)]
Seconds = Annotated[float, Field(gt=0.0, allow_inf_nan=False)]
HttpUrl = Annotated[str, Field(pattern=r"^(https?://\S+)?$")]  # empty: not configured


class Settings(BaseModel):
    """Each field is the environment variable of its name in upper case."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # Connections
    redis_url: str = Field(default="redis://127.0.0.1:6379/0", pattern=r"^(rediss?|unix)://")
    redis_url_parameter: str = ""  # SSM SecureString name holding the URL (AWS)
    redis_auth_secret: str = ""  # Secrets Manager id whose SecretString is the AUTH token (AWS)
    redis_cluster: Literal["auto", "1", "0"] = "auto"  # "1" cluster, "0" one node, "auto" ask
    redis_connect_timeout: Seconds = 1.0  # an unreachable cache is a fast 503
    redis_socket_timeout: Seconds = 2.0
    redis_allow_plaintext: bool = False  # an existing cache's URL may be redis:// (dev only)
    key_prefix: str = Field(default="ss", pattern=r"^[^\s{}]{1,64}$")
    queue_url: str = ""
    sqs_endpoint_url: HttpUrl = ""  # SQS endpoint override (sam local); empty -> the AWS default
    public_base_url: HttpUrl = ""  # prefix for status links in alerts; empty -> relative

    # Intake limits
    max_subject_chars: Positive = 300
    max_text_chars: Positive = 20_000
    max_request_bytes: Positive = 256_000
    ticket_ttl_seconds: Positive = 7 * 24 * 3600
    idempotency_ttl_seconds: Positive = 24 * 3600
    retry_after_seconds: Positive = 5

    # Processing
    classifier: Literal["onnx", "baseline"] = "onnx"
    model_dir: str = ""  # empty -> /opt/model (layer) or layers/model/build/model
    model_budget_ms: Positive = 500
    processing_lock_seconds: Positive = 120

    # Circuit breaker
    breaker_failure_threshold: Positive = 3
    breaker_window_seconds: Positive = 60
    breaker_cooldown_seconds: Positive = 30

    # Urgency
    urgency_alert_threshold: Fraction = 0.8
    urgency_high_threshold: Fraction = 0.8
    urgency_medium_threshold: Fraction = 0.5

    # Review and corrections
    review_confidence: Fraction = 0.6  # a category confidence under this sets needs_review
    corrections_stream_length: Positive = 10_000  # corrections kept in Redis (approximately)

    # Storms
    dedup_similarity: Fraction = 0.9
    storm_min_tickets: Positive = 10  # more than this many similar tickets make an incident
    storm_window_seconds: Positive = 300

    # Slack
    slack_webhook_url: HttpUrl = ""
    slack_webhook_parameter: str = ""  # SSM SecureString name (AWS)
    slack_webhook_secret: str = ""  # Secrets Manager id (AWS)
    slack_timeout_seconds: Seconds = 2.0
    slack_max_retries: Annotated[int, Field(ge=0)] = 2

    # Access and telemetry
    api_key: str = ""  # local stack only, deprecated: one shared key that acts as admin
    authorizer_failure_budget: Positive = 20  # unknown keys per source address and window
    authorizer_failure_window_seconds: Positive = 60
    health_cache_seconds: Annotated[float, Field(ge=0.0, allow_inf_nan=False)] = 5.0
    log_hash_key: str = ""  # HMAC key for customer ids in logs; empty -> one per process

    @model_validator(mode="after")
    def _urgency_bands(self) -> Settings:
        if not 0 < self.urgency_medium_threshold <= self.urgency_high_threshold:
            raise ValueError(
                "URGENCY_MEDIUM_THRESHOLD and URGENCY_HIGH_THRESHOLD must satisfy "
                "0 < medium <= high <= 1"
            )
        return self

    @property
    def resolved_model_dir(self) -> Path:
        if self.model_dir:
            return Path(self.model_dir)
        layer = Path("/opt/model")
        if layer.is_dir():
            return layer
        return Path(__file__).resolve().parent.parent / "layers" / "model" / "build" / "model"


def load_settings(
    environ: Mapping[str, str] | None = None, overrides: Mapping[str, str] | None = None
) -> Settings:
    """Build settings from an environment mapping (os.environ by default); empty means unset.

    ``overrides`` (variable names too) win over the environment: a command's flags.
    """
    env = {**(os.environ if environ is None else environ), **(overrides or {})}
    raw = {
        name: env[name.upper()]
        for name in Settings.model_fields
        if env.get(name.upper()) not in (None, "")
    }
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError("; ".join(_describe(error, raw) for error in exc.errors())) from None


def _describe(error: Any, raw: Mapping[str, str]) -> str:
    field = str(error["loc"][0]) if error.get("loc") else ""
    if not field:
        return str(error["msg"]).removeprefix("Value error, ")
    return f"{field.upper()}={raw.get(field, '')!r}: {error['msg']}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests call ``get_settings.cache_clear()`` after changing env."""
    return load_settings()


# Platform variables: read by their own libraries (Powertools, boto3) and owned by the
# deployment, not Smart-Support settings, so they stay out of Settings and the template test.

POWERTOOLS_DEFAULTS = {
    "POWERTOOLS_SERVICE_NAME": "smart-support",
    "POWERTOOLS_METRICS_NAMESPACE": "SmartSupport",
}


def apply_powertools_defaults() -> None:
    """Our service name and metrics namespace, where the deployment sets none: Powertools
    reads them from the environment when its Logger, Tracer and Metrics are created."""
    for name, value in POWERTOOLS_DEFAULTS.items():
        os.environ.setdefault(name, value)


def metrics_disabled() -> bool:
    """Powertools' own switch POWERTOOLS_METRICS_DISABLED, read as Powertools reads it."""
    return os.environ.get("POWERTOOLS_METRICS_DISABLED", "").lower() in ("1", "true", "yes", "on")


def aws_region() -> str | None:
    """The region the environment names for AWS clients (AWS_REGION, else AWS_DEFAULT_REGION)."""
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None
