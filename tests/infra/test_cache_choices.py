"""The three caches the template can create (CacheMode), and an existing Redis: for each
choice, the conditions are evaluated as CloudFormation would, and what gets deployed is
checked: one cache, reached over TLS with AUTH, and the client mode the functions use."""

from __future__ import annotations

from typing import Any

import pytest

CACHES = {"replication-group": "Cache", "cluster": "ClusterCache", "serverless": "ServerlessCache"}


def condition_values(template: dict[str, Any], parameters: dict[str, str]) -> dict[str, bool]:
    """Every condition of the template for these parameter values (defaults otherwise)."""
    values = {name: str(p.get("Default", "")) for name, p in template["Parameters"].items()}
    values.update(parameters)
    results: dict[str, bool] = {}

    def value(node: Any) -> Any:
        if isinstance(node, dict) and set(node) == {"Ref"}:
            return values[node["Ref"]]
        return str(node)

    def evaluate(node: Any) -> bool:
        ((fn, args),) = node.items()
        if fn == "Fn::Equals":
            return bool(value(args[0]) == value(args[1]))
        if fn == "Fn::Not":
            return not evaluate(args[0])
        if fn == "Fn::And":
            return all(evaluate(a) for a in args)
        if fn == "Fn::Or":
            return any(evaluate(a) for a in args)
        if fn == "Condition":
            return condition(args)
        raise AssertionError(f"unexpected {fn}")

    def condition(name: str) -> bool:
        if name not in results:
            results[name] = evaluate(template["Conditions"][name])
        return results[name]

    return {name: condition(name) for name in template["Conditions"]}


def resolve(node: Any, conditions: dict[str, bool]) -> Any:
    """Fn::If chains replaced by the branch the conditions choose."""
    if isinstance(node, dict) and set(node) == {"Fn::If"}:
        name, yes, no = node["Fn::If"]
        return resolve(yes if conditions[name] else no, conditions)
    if isinstance(node, dict):
        return {k: resolve(v, conditions) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve(v, conditions) for v in node]
    return node


def deployed(template: dict[str, Any], **parameters: str) -> tuple[dict[str, Any], dict[str, Any]]:
    conditions = condition_values(template, parameters)
    resources = {
        name: resolve(r, conditions)
        for name, r in template["Resources"].items()
        if "Condition" not in r or conditions[r["Condition"]]
    }
    env = resolve(template["Globals"]["Function"]["Environment"]["Variables"], conditions)
    return resources, env


@pytest.mark.parametrize("mode", list(CACHES))
def test_each_cache_choice_deploys_exactly_its_cache(template: dict, mode: str) -> None:
    resources, _ = deployed(template, CacheMode=mode)
    assert {name for name in CACHES.values() if name in resources} == {CACHES[mode]}


@pytest.mark.parametrize(
    ("mode", "cluster"), [("replication-group", "0"), ("cluster", "1"), ("serverless", "1")]
)
def test_functions_reach_the_chosen_cache_over_tls_in_its_protocol(
    template: dict, mode: str, cluster: str
) -> None:
    _, env = deployed(template, CacheMode=mode)
    url = env["REDIS_URL"]["Fn::Sub"]
    assert url.startswith("rediss://") and f"${{{CACHES[mode]}." in url
    assert env["REDIS_CLUSTER"] == cluster
    assert env["REDIS_AUTH_SECRET"] == {"Ref": "CacheAuthSecret"}


@pytest.mark.parametrize("mode", ["replication-group", "cluster"])
def test_replication_groups_encrypt_and_require_the_auth_token(template: dict, mode: str) -> None:
    resources, _ = deployed(template, CacheMode=mode)
    props = resources[CACHES[mode]]["Properties"]
    assert props["TransitEncryptionEnabled"] is True and props["AtRestEncryptionEnabled"] is True
    assert "CacheAuthSecret" in props["AuthToken"]["Fn::Sub"]


def test_cluster_mode_takes_shards_and_replicas_from_parameters(template: dict) -> None:
    resources, _ = deployed(template, CacheMode="cluster", CacheReplicasPerShard="0")
    props = resources["ClusterCache"]["Properties"]
    assert props["ClusterMode"] == "enabled"
    assert props["NumNodeGroups"] == {"Ref": "CacheShards"}
    assert props["ReplicasPerNodeGroup"] == {"Ref": "CacheReplicasPerShard"}
    assert props["MultiAZEnabled"] is False


def test_serverless_has_usage_limits_and_the_secret_as_its_default_users_password(
    template: dict,
) -> None:
    resources, _ = deployed(template, CacheMode="serverless")
    props = resources["ServerlessCache"]["Properties"]
    limits = props["CacheUsageLimits"]
    assert limits["DataStorage"]["Maximum"] == {"Ref": "ServerlessMaxDataGB"}
    assert limits["ECPUPerSecond"]["Maximum"] == {"Ref": "ServerlessMaxEcpuPerSecond"}
    group = resources[props["UserGroupId"]["Ref"]]["Properties"]
    (user_ref,) = group["UserIds"]
    user = resources[user_ref["Ref"]]["Properties"]
    assert user["UserName"] == "default"
    (password,) = user["AuthenticationMode"]["Passwords"]
    assert "CacheAuthSecret" in password["Fn::Sub"]


def test_an_existing_redis_is_asked_whether_it_is_a_cluster(template: dict) -> None:
    resources, env = deployed(template, ExistingRedisUrlParameter="/smart-support/redis-url")
    assert not set(CACHES.values()) & set(resources)
    assert (env["REDIS_URL"], env["REDIS_CLUSTER"]) == ("", "auto")
