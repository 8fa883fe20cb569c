"""An existing cache named in SSM must be reached over TLS unless a dev stage allows plain text."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from smart_support.config import load_settings
from smart_support.errors import DependencyUnavailable
from smart_support.services import connect_redis


@pytest.fixture
def parameter(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        ssm = boto3.client("ssm", region_name="us-east-1")

        def put(url: str) -> str:
            name = f"/smart-support/test/redis-{abs(hash(url))}"
            ssm.put_parameter(Name=name, Value=url, Type="SecureString", Overwrite=True)
            return name

        yield put


def test_plain_redis_url_from_ssm_is_refused(parameter) -> None:
    name = parameter("redis://:token@cache.example:6379/0")
    with pytest.raises(DependencyUnavailable, match="rediss://"):
        connect_redis(load_settings({"REDIS_URL_PARAMETER": name}))


def test_tls_url_from_ssm_is_used(parameter) -> None:
    name = parameter("rediss://:token@cache.example:6380/0")
    # One node, as the template sets for a replication group: "auto" would ask the server.
    client = connect_redis(load_settings({"REDIS_URL_PARAMETER": name, "REDIS_CLUSTER": "0"}))
    assert client.connection_pool.connection_kwargs["host"] == "cache.example"


def test_plain_text_is_allowed_only_when_a_dev_stage_says_so(parameter) -> None:
    name = parameter("redis://:token@cache.example:6379/0")
    settings = load_settings(
        {"REDIS_URL_PARAMETER": name, "REDIS_ALLOW_PLAINTEXT": "true", "REDIS_CLUSTER": "0"}
    )
    assert connect_redis(settings).connection_pool.connection_kwargs["port"] == 6379
