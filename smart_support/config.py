"""Every tunable of Smart-Support, read from the environment once and validated.

The README's configuration table and the template's environment list the same names.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

CATEGORIES: tuple[str, ...] = ("Billing", "Technical", "Legal")


class ConfigError(ValueError):
    """A setting in the environment cannot be used."""


@dataclass(frozen=True)
class Settings:
    # Connections
    redis_url: str = "redis://127.0.0.1:6379/0"
    redis_url_parameter: str = ""  # SSM SecureString name holding the URL (AWS)
    redis_auth_secret: str = ""  # Secrets Manager id whose SecretString is the AUTH token (AWS)
    redis_cluster: str = "auto"  # "1" cluster client, "0" one node, "auto" ask the server
    key_prefix: str = "ss"
    queue_url: str = ""
    sqs_endpoint_url: str = ""  # SQS endpoint override (sam local); empty -> the AWS default
    public_base_url: str = ""  # prefix for status links in alerts; empty -> relative

    # Intake limits
    max_subject_chars: int = 300
    max_text_chars: int = 20_000
    max_request_bytes: int = 256_000
    ticket_ttl_seconds: int = 7 * 24 * 3600
    idempotency_ttl_seconds: int = 24 * 3600
    retry_after_seconds: int = 5

    # Processing
    classifier: str = "onnx"  # "onnx" or "baseline"
    model_dir: str = ""  # empty -> /opt/model (layer) or layers/model/build/model
    model_budget_ms: int = 500
    processing_lock_seconds: int = 120

    # Circuit breaker
    breaker_failure_threshold: int = 3
    breaker_window_seconds: int = 60
    breaker_cooldown_seconds: int = 30

    # Urgency
    urgency_alert_threshold: float = 0.8
    urgency_high_threshold: float = 0.8
    urgency_medium_threshold: float = 0.5

    # Review and corrections
    review_confidence: float = 0.6  # a category confidence under this sets needs_review
    corrections_stream_length: int = 10_000  # corrections kept in Redis (approximately)

    # Storms
    dedup_similarity: float = 0.9
    storm_min_tickets: int = 10  # more than this many similar tickets make an incident
    storm_window_seconds: int = 300

    # Slack
    slack_webhook_url: str = ""
    slack_webhook_parameter: str = ""  # SSM SecureString name (AWS)
    slack_webhook_secret: str = ""  # Secrets Manager id (AWS)
    slack_timeout_seconds: float = 2.0
    slack_max_retries: int = 2

    redis_allow_plaintext: bool = False  # an existing cache's URL may be redis:// (dev only)

    # Access and telemetry
    api_key: str = ""  # local stack only, deprecated: one shared key that acts as admin
    authorizer_failure_budget: int = 20  # unknown keys per source address and window
    authorizer_failure_window_seconds: int = 60
    health_cache_seconds: float = 5.0  # a healthy /health answer is reused this long

    @property
    def resolved_model_dir(self) -> Path:
        if self.model_dir:
            return Path(self.model_dir)
        layer = Path("/opt/model")
        if layer.is_dir():
            return layer
        return Path(__file__).resolve().parent.parent / "layers" / "model" / "build" / "model"


def _coerce(name: str, raw: str, default: object) -> object:
    try:
        if isinstance(default, bool):
            return raw.strip().lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError as exc:
        raise ConfigError(
            f"{name.upper()}={raw!r} is not a valid {type(default).__name__}"
        ) from exc
    return raw


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Build settings from an environment mapping (os.environ by default)."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for field in fields(Settings):
        raw = env.get(field.name.upper())
        if raw is not None and raw != "":
            values[field.name] = _coerce(field.name, raw, field.default)
    settings = Settings(**values)  # type: ignore[arg-type]
    _validate(settings)
    return settings


def _validate(s: Settings) -> None:
    if s.redis_cluster not in ("auto", "1", "0"):
        raise ConfigError("REDIS_CLUSTER must be 'auto', '1' or '0'")
    if s.classifier not in ("onnx", "baseline"):
        raise ConfigError("CLASSIFIER must be 'onnx' or 'baseline'")
    for name in ("urgency_alert_threshold", "dedup_similarity", "review_confidence"):
        value = getattr(s, name)
        if not 0.0 <= value <= 1.0:
            raise ConfigError(f"{name.upper()} must lie in [0, 1]")
    if not 0 < s.urgency_medium_threshold <= s.urgency_high_threshold <= 1:
        raise ConfigError("urgency thresholds must satisfy 0 < medium <= high <= 1")
    for name in (
        "model_budget_ms",
        "storm_window_seconds",
        "breaker_cooldown_seconds",
        "corrections_stream_length",
    ):
        if getattr(s, name) <= 0:
            raise ConfigError(f"{name.upper()} must be positive")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests call ``get_settings.cache_clear()`` after changing env."""
    return load_settings()
