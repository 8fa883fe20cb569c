"""infra/template.yaml keeps the promises of SPEC §4: safe queueing, keys on every route but
health, least privilege, log retention, a dashboard of every metric the code emits, alarms.

Values are taken from the template and the code rather than repeated here.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from smart_support.access import PUBLIC_ROUTES, ROUTE_ROLES
from smart_support.config import Settings
from smart_support.observability import MetricName
from tests.support.fresh_python import run_python

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "infra" / "template.yaml"
HEALTH = ("GET", "/health")
CONSOLE = ("GET", "/console")  # a static page; every call it makes needs a key


def serverless_functions(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return resources_of_type(template, "AWS::Serverless::Function")


def resources_of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: res for name, res in template["Resources"].items() if res["Type"] == kind}


def _globals_env(template: dict[str, Any]) -> dict[str, Any]:
    return template["Globals"]["Function"]["Environment"]["Variables"]


def _process(template: dict[str, Any]) -> dict[str, Any]:
    return template["Resources"]["ProcessFunction"]["Properties"]


def _sqs_event(template: dict[str, Any]) -> dict[str, Any]:
    (event,) = [e for e in _process(template)["Events"].values() if e["Type"] == "SQS"]
    return event["Properties"]


def _ticket_queue(template: dict[str, Any]) -> dict[str, Any]:
    return template["Resources"]["TicketQueue"]["Properties"]


def _api_routes(template: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    routes = {}
    for function in serverless_functions(template).values():
        for event in function["Properties"].get("Events", {}).values():
            if event["Type"] == "Api":
                props = event["Properties"]
                routes[(props["Method"].upper(), props["Path"])] = props
    return routes


def _walk(node: Any) -> Any:
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _is_ref_to(node: Any, logical_id: str) -> bool:
    return node == {"Ref": logical_id} or (
        isinstance(node, dict) and node.get("Fn::GetAtt", [None])[0] == logical_id
    )


# Lint and transform -----------------------------------------------------------------------


def test_cfn_lint_reports_no_errors() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cfnlint", str(TEMPLATE)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational.
    assert result.returncode & 2 == 0, result.stdout + result.stderr


def test_sam_transform_translates_the_template(translated: dict[str, Any]) -> None:
    kinds = {resource["Type"] for resource in translated["Resources"].values()}
    assert {"AWS::Lambda::Function", "AWS::Lambda::EventSourceMapping"} <= kinds
    assert "AWS::ApiGateway::RestApi" in kinds


# Queue ------------------------------------------------------------------------------------


def test_visibility_timeout_is_at_least_six_times_the_process_timeout(template: dict) -> None:
    timeout = _process(template).get("Timeout", template["Globals"]["Function"]["Timeout"])
    assert _ticket_queue(template)["VisibilityTimeout"] >= 6 * timeout


def test_failed_tickets_reach_the_dead_letter_queue_after_bounded_receives(template: dict) -> None:
    policy = _ticket_queue(template)["RedrivePolicy"]
    assert _is_ref_to(policy["deadLetterTargetArn"], "TicketDeadLetterQueue")
    assert isinstance(policy["maxReceiveCount"], int)
    assert 1 <= policy["maxReceiveCount"] <= 10


def test_dead_letters_are_kept_longer_than_live_tickets(template: dict) -> None:
    dlq = template["Resources"]["TicketDeadLetterQueue"]["Properties"]
    assert dlq["MessageRetentionPeriod"] > _ticket_queue(template)["MessageRetentionPeriod"]


def test_process_function_reports_partial_batch_failures(template: dict) -> None:
    event = _sqs_event(template)
    assert _is_ref_to(event["Queue"], "TicketQueue")
    assert "ReportBatchItemFailures" in event["FunctionResponseTypes"]
    assert 1 <= event["BatchSize"] <= 10
    assert "MaximumConcurrency" in event["ScalingConfig"]


# Functions and layers --------------------------------------------------------------------


def test_functions_are_thin_handlers_on_python312(template: dict) -> None:
    functions = serverless_functions(template)
    assert set(functions) == {
        "IngestFunction",
        "ProcessFunction",
        "QueryFunction",
        "AuthorizerFunction",
    }
    globals_fn = template["Globals"]["Function"]
    assert globals_fn["Runtime"] == "python3.12"
    assert globals_fn["Handler"] == "app.lambda_handler"
    assert globals_fn["Tracing"] == "Active"
    for function in functions.values():
        code = (TEMPLATE.parent / function["Properties"]["CodeUri"]).resolve()
        assert code.parent == ROOT / "functions"
        assert (code / "app.py").is_file()


def test_only_the_process_function_loads_the_model_layer(template: dict) -> None:
    assert {"Ref": "CoreLayer"} in template["Globals"]["Function"]["Layers"]
    for name, function in serverless_functions(template).items():
        has_model = {"Ref": "ModelLayer"} in function["Properties"].get("Layers", [])
        assert has_model == (name == "ProcessFunction")
    assert _process(template)["Environment"]["Variables"]["MODEL_DIR"] == "/opt/model"


def test_layers_are_built_by_their_makefile_recipes(template: dict) -> None:
    for name, layer in resources_of_type(template, "AWS::Serverless::LayerVersion").items():
        assert layer["Metadata"]["BuildMethod"] == "makefile"
        recipe = (TEMPLATE.parent / layer["Properties"]["ContentUri"] / "Makefile").resolve()
        assert f"build-{name}:" in recipe.read_text()


def test_every_function_logs_to_a_group_with_retention(template: dict) -> None:
    for name, function in serverless_functions(template).items():
        group = function["Properties"]["LoggingConfig"]["LogGroup"]
        assert set(group) == {"Ref"}, name
        log_group = template["Resources"][group["Ref"]]
        assert log_group["Type"] == "AWS::Logs::LogGroup"
        assert "RetentionInDays" in log_group["Properties"]


def test_environment_names_are_settings_the_code_reads(template: dict) -> None:
    settings = {name.upper() for name in Settings.model_fields}
    names = set(_globals_env(template))
    for function in serverless_functions(template).values():
        names |= set(function["Properties"].get("Environment", {}).get("Variables", {}))
    unknown = {name for name in names if not name.startswith("POWERTOOLS_")} - settings
    assert not unknown, f"not fields of smart_support.config.Settings: {sorted(unknown)}"


def test_thresholds_are_template_parameters_defaulting_to_the_settings(template: dict) -> None:
    defaults: dict[str, Any] = {
        name.upper(): field.default for name, field in Settings.model_fields.items()
    }
    parameters = template["Parameters"]
    for name, value in _globals_env(template).items():
        if isinstance(value, dict) and set(value) == {"Ref"} and value["Ref"] in parameters:
            parameter = parameters[value["Ref"]]
            if parameter["Type"] == "Number" and name in defaults:
                assert float(parameter["Default"]) == float(defaults[name]), name


def test_no_secret_value_sits_in_the_environment(template: dict) -> None:
    for name, value in _globals_env(template).items():
        if isinstance(value, str):
            assert not re.search(r"hooks\.slack\.com|://[^/@]*:[^/@]*@", value), name


# API -------------------------------------------------------------------------------------


def test_every_route_but_health_and_the_console_page_goes_through_the_key_authorizer(
    translated: dict, template: dict
) -> None:
    (api,) = resources_of_type(translated, "AWS::ApiGateway::RestApi").values()
    paths = api["Properties"]["Body"]["paths"]
    served = {(m.upper(), p): op for p, methods in paths.items() for m, op in methods.items()}
    assert set(served) == set(_api_routes(template))
    for route, operation in served.items():
        guarded = {"KeyAuthorizer": []} in operation.get("security", [])
        assert guarded == (route not in (HEALTH, CONSOLE)), route


def test_the_route_table_names_the_roles_of_every_guarded_template_route(template: dict) -> None:
    guarded = set(_api_routes(template)) - {HEALTH, CONSOLE}
    assert guarded == set(ROUTE_ROLES)
    assert {HEALTH, CONSOLE} == PUBLIC_ROUTES


def test_the_authorizer_caches_by_the_key_header_briefly(template: dict) -> None:
    (api,) = resources_of_type(template, "AWS::Serverless::Api").values()
    auth = api["Properties"]["Auth"]
    spec = auth["Authorizers"][auth["DefaultAuthorizer"]]
    assert spec["FunctionPayloadType"] == "REQUEST"
    assert spec["Identity"]["Headers"] == ["x-api-key"]
    assert 0 < spec["Identity"]["ReauthorizeEvery"] <= 300
    function = template["Resources"][spec["FunctionArn"]["Fn::GetAtt"][0]]["Properties"]
    assert "Layers" not in function and function["MemorySize"] <= 256


def test_api_throttles_the_stage(template: dict) -> None:
    (api,) = resources_of_type(template, "AWS::Serverless::Api").values()
    (stage_settings,) = api["Properties"]["MethodSettings"]
    assert {"ThrottlingRateLimit", "ThrottlingBurstLimit"} <= set(stage_settings)
    assert api["Properties"]["TracingEnabled"] is True


def test_admin_routes_are_fenced_by_the_resource_policy(template: dict) -> None:
    (api,) = resources_of_type(template, "AWS::Serverless::Api").values()
    statements = api["Properties"]["Auth"]["ResourcePolicy"]["CustomStatements"]
    (deny,) = [s for s in statements if s["Effect"] == "Deny"]
    fenced = {tuple(r.split("/")[2:4]) for r in deny["Resource"]}
    routes = _api_routes(template)
    assert ("PUT", "agents") in fenced and ("PUT", "/agents/{agent_id}") in routes
    # Agents resolve their own tickets from wherever they work: resolve is not fenced.
    assert ("POST", "tickets") not in fenced


def _overrides(env: str) -> dict[str, str]:
    config = tomllib.loads((ROOT / "samconfig.toml").read_text())
    pairs = config[env]["deploy"]["parameters"]["parameter_overrides"].split()
    return dict(pair.split("=", 1) for pair in pairs)


def test_prod_fences_admins_and_turns_on_waf() -> None:
    prod = _overrides("prod")
    assert prod["AdminAllowedCidr"] != "0.0.0.0/0"
    assert prod["EnableWaf"] == "true"


def test_waf_limits_each_address_and_runs_the_common_rule_set(template: dict) -> None:
    acl = template["Resources"]["WebAcl"]
    assert acl["Condition"] == "UseWaf"
    rules = {rule["Name"]: rule for rule in acl["Properties"]["Rules"]}
    rate = rules["rate-per-address"]
    assert rate["Statement"]["RateBasedStatement"]["AggregateKeyType"] == "IP"
    assert rate["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 429
    managed = rules["aws-common-rules"]["Statement"]["ManagedRuleGroupStatement"]
    assert managed["Name"] == "AWSManagedRulesCommonRuleSet"
    association = template["Resources"]["WebAclAssociation"]["Properties"]
    assert _is_ref_to(association["WebACLArn"], "WebAcl")


def test_api_access_logs_are_json_with_caller_route_status_and_latency(template: dict) -> None:
    (api,) = resources_of_type(template, "AWS::Serverless::Api").values()
    setting = api["Properties"]["AccessLogSetting"]
    assert _is_ref_to(setting["DestinationArn"], "ApiAccessLogGroup")
    fields = json.loads(setting["Format"])
    for variable in (
        "$context.authorizer.principalId",
        "$context.authorizer.key_id",
        "$context.resourcePath",
        "$context.status",
        "$context.responseLatency",
    ):
        assert variable in fields.values(), variable
    assert template["Resources"]["ApiGatewayAccount"]["Condition"] == "CreateAccountRole"


def test_log_groups_take_an_optional_customer_managed_key(template: dict) -> None:
    groups = resources_of_type(template, "AWS::Logs::LogGroup")
    for name, group in groups.items():
        key = group["Properties"]["KmsKeyId"]
        assert key["Fn::If"][0] == "HasLogKmsKey", name
        assert isinstance(group["Properties"]["RetentionInDays"], dict), name


def test_request_functions_have_reserved_concurrency_parameters(template: dict) -> None:
    for name in ("IngestFunction", "QueryFunction", "AuthorizerFunction"):
        reserved = template["Resources"][name]["Properties"]["ReservedConcurrentExecutions"]
        parameter = template["Parameters"][reserved["Ref"]]
        assert parameter["Type"] == "Number" and parameter["Default"] > 0, name


def test_an_existing_redis_needs_tls_unless_a_parameter_allows_plain_text(
    template: dict,
) -> None:
    assert _globals_env(template)["REDIS_ALLOW_PLAINTEXT"] == {"Ref": "RedisAllowPlaintext"}
    assert template["Parameters"]["RedisAllowPlaintext"]["Default"] == "false"


def test_template_routes_are_the_routes_the_code_serves(template: dict) -> None:
    from smart_support.api import openapi_document

    document = openapi_document()
    served = {
        (method.upper(), path)
        for path, operations in document["paths"].items()
        for method in operations
        if method.lower() in {"get", "put", "post", "delete", "patch", "head", "options"}
    }
    # The docs routes serve the document itself and the console is a page over the API, so
    # the document need not list them.
    declared = set(_api_routes(template))
    assert served - declared == set()
    assert declared - served <= {("GET", "/docs"), ("GET", "/openapi.json"), CONSOLE}


# Least privilege -------------------------------------------------------------------------


def test_no_iam_statement_allows_a_wildcard_action(translated: dict) -> None:
    roles = resources_of_type(translated, "AWS::IAM::Role")
    assert roles
    actions: list[str] = []
    for role in roles.values():
        for node in _walk(role["Properties"].get("Policies", [])):
            if isinstance(node, dict) and "Effect" in node:
                assert "NotAction" not in node
                found = node["Action"]
                actions += [found] if isinstance(found, str) else found
    assert actions
    assert not [action for action in actions if "*" in action]


def _role_of(template: dict, function: str) -> dict[str, Any]:
    role = template["Resources"][function]["Properties"]["Role"]["Fn::GetAtt"][0]
    return dict(template["Resources"][role]["Properties"])


def test_each_function_reads_only_its_own_secrets(template: dict) -> None:
    ingest = json.dumps(_role_of(template, "IngestFunction")["Policies"])
    query = json.dumps(_role_of(template, "QueryFunction")["Policies"])
    authorizer = json.dumps(_role_of(template, "AuthorizerFunction")["Policies"])
    process = json.dumps(_role_of(template, "ProcessFunction")["Policies"])
    for other in (ingest, query, authorizer):
        assert "Slack" not in other
        assert "ReceiveMessage" not in other
    assert "SlackWebhook" in process
    assert "sqs:SendMessage" in ingest and "sqs:SendMessage" not in query + process + authorizer
    assert "sqs:" not in authorizer


def test_process_function_consumes_only_its_own_queue(translated: dict, template: dict) -> None:
    role = json.dumps(_role_of(template, "ProcessFunction")["Policies"])
    assert "sqs:ReceiveMessage" in role and '"TicketQueue"' in role
    for name, resource in resources_of_type(translated, "AWS::IAM::Role").items():
        managed = json.dumps(resource["Properties"].get("ManagedPolicyArns", []))
        assert "SQSQueueExecutionRole" not in managed, name
        # VPC access (network interfaces in any subnet) only when the functions run in the VPC.
        if "VPCAccessExecutionRole" in managed:
            assert '"Fn::If": [' in managed and '"CreateCache"' in managed, name


def test_every_function_has_its_own_role(template: dict) -> None:
    roles = {
        fn["Properties"]["Role"]["Fn::GetAtt"][0] for fn in serverless_functions(template).values()
    }
    assert len(roles) == len(serverless_functions(template))


# Operators -------------------------------------------------------------------------------


def _dashboard(template: dict) -> dict[str, Any]:
    (dashboard,) = resources_of_type(template, "AWS::CloudWatch::Dashboard").values()
    body = dashboard["Properties"]["DashboardBody"]["Fn::Sub"]
    text = body[0] if isinstance(body, list) else body
    return json.loads(re.sub(r"\$\{[^}]+\}", "1", text))


def test_dashboard_body_is_json_charting_every_service_metric(template: dict) -> None:
    dashboard = _dashboard(template)
    namespace = _globals_env(template)["POWERTOOLS_METRICS_NAMESPACE"]
    service = _globals_env(template)["POWERTOOLS_SERVICE_NAME"]
    charted: set[str] = set()
    for widget in dashboard["widgets"]:
        rows = widget["properties"].get("metrics", [])
        for row in rows:
            if row and row[0] == namespace:
                assert row[2:4] == ["service", service], row
        charted |= {item for row in rows for item in row if isinstance(item, str)}
    names = {value for key, value in vars(MetricName).items() if key.isupper()}
    assert names - charted == set()


def test_dashboard_shows_queue_dlq_lambda_and_api_health(template: dict) -> None:
    text = json.dumps(_dashboard(template))
    for metric in (
        "ApproximateNumberOfMessagesVisible",
        "ApproximateAgeOfOldestMessage",
        "Errors",
        "Throttles",
        "Duration",
        "4XXError",
        "5XXError",
        "Latency",
    ):
        assert f'"{metric}"' in text, metric


def _alarms(template: dict) -> list[dict[str, Any]]:
    return [a["Properties"] for a in resources_of_type(template, "AWS::CloudWatch::Alarm").values()]


def _alarm_on(template: dict, namespace: str, metric: str) -> list[dict[str, Any]]:
    found = []
    for alarm in _alarms(template):
        metrics = alarm.get("Metrics", [])
        stats = [alarm] + [m["MetricStat"]["Metric"] for m in metrics if "MetricStat" in m]
        if any(s.get("Namespace") == namespace and s.get("MetricName") == metric for s in stats):
            found.append(alarm)
    return found


def test_alarm_when_the_dead_letter_queue_is_not_empty(template: dict) -> None:
    (alarm,) = [
        a
        for a in _alarm_on(template, "AWS/SQS", "ApproximateNumberOfMessagesVisible")
        if _is_ref_to(a["Dimensions"][0]["Value"], "TicketDeadLetterQueue")
    ]
    assert alarm["Threshold"] == 0 and alarm["ComparisonOperator"] == "GreaterThanThreshold"


def test_alarm_when_the_breaker_stays_open(template: dict) -> None:
    namespace = _globals_env(template)["POWERTOOLS_METRICS_NAMESPACE"]
    (alarm,) = _alarm_on(template, namespace, MetricName.BREAKER_OPEN)
    assert alarm["Dimensions"] == [
        {"Name": "service", "Value": _globals_env(template)["POWERTOOLS_SERVICE_NAME"]}
    ]


def test_alarm_on_each_function_error_rate(template: dict) -> None:
    watched = {
        json.dumps(dim["Value"])
        for alarm in _alarm_on(template, "AWS/Lambda", "Errors")
        for metric in alarm["Metrics"]
        if "MetricStat" in metric
        for dim in metric["MetricStat"]["Metric"]["Dimensions"]
    }
    for name in serverless_functions(template):
        assert json.dumps({"Ref": name}) in watched, name


def test_alarm_on_the_age_of_the_oldest_ticket(template: dict) -> None:
    (alarm,) = _alarm_on(template, "AWS/SQS", "ApproximateAgeOfOldestMessage")
    assert _is_ref_to(alarm["Dimensions"][0]["Value"], "TicketQueue")


def test_alarm_on_api_5xx(template: dict) -> None:
    assert _alarm_on(template, "AWS/ApiGateway", "5XXError")


def test_outputs_name_the_api_queues_and_dashboard(template: dict) -> None:
    outputs = template["Outputs"]
    assert {"ApiUrl", "TicketQueueUrl", "TicketDeadLetterQueueUrl", "DashboardName"} <= set(outputs)


# Local tooling ---------------------------------------------------------------------------


def test_sam_local_env_file_sets_only_declared_variables(template: dict) -> None:
    # sam local passes a variable from the file only when the template declares it.
    env_file = json.loads((ROOT / "infra" / "sam-env.json").read_text())
    functions = serverless_functions(template)
    declared = set(_globals_env(template))
    for section, variables in env_file.items():
        names = set(declared)
        if section != "Parameters":
            own = functions[section]["Properties"].get("Environment", {})
            names |= set(own.get("Variables", {}))
        assert set(variables) <= names, section


@pytest.mark.parametrize("environment", ["default", "dev", "staging", "prod"])
def test_samconfig_environment_overrides_only_template_parameters(
    template: dict, environment: str
) -> None:
    config = tomllib.loads((ROOT / "samconfig.toml").read_text())
    deploy = config[environment]["deploy"]["parameters"]
    overrides = dict(pair.split("=", 1) for pair in deploy["parameter_overrides"].split())
    assert set(overrides) <= set(template["Parameters"])
    assert overrides["Stage"] in template["Parameters"]["Stage"]["AllowedValues"]
    assert config[environment]["global"]["parameters"]["template_file"] == "infra/template.yaml"


def test_functions_without_the_model_layer_import_without_its_packages(template: dict) -> None:
    # Packages of requirements-model.txt that the core layer's recipe does not also install
    # exist only in ModelLayer; ingest and query must not need them to start.
    core = (ROOT / "layers" / "core" / "Makefile").read_text()
    core_requirements = {
        re.split(r"[=<>~\[ ]", line.strip())[0].lower()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    model_only = [
        name
        for line in (ROOT / "requirements-model.txt").read_text().splitlines()
        if (name := re.split(r"[=<>~\[ ]", line.strip())[0]) and not line.startswith("#")
        if f"^{name}==" not in core and name.lower() not in core_requirements
    ]
    assert model_only
    blocker = (
        "import sys\n"
        f"class Block:\n    names = {sorted(model_only)!r}\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in self.names:\n"
        "            raise ImportError(f'{name} is only in ModelLayer')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import runpy\n"
        "runpy.run_path(sys.argv[1])\n"
    )
    for name, function in serverless_functions(template).items():
        if {"Ref": "ModelLayer"} in function["Properties"].get("Layers", []):
            continue
        app = (TEMPLATE.parent / function["Properties"]["CodeUri"] / "app.py").resolve()
        result = run_python(["-c", blocker, str(app)], str(ROOT))
        assert result.returncode == 0, f"{name}: {result.stderr[-2000:]}"


def test_gateway_responses_use_the_api_error_shape(template: dict) -> None:
    api = next(r for r in template["Resources"].values() if r["Type"] == "AWS::Serverless::Api")
    responses = api["Properties"]["GatewayResponses"]
    assert responses["MISSING_AUTHENTICATION_TOKEN"]["StatusCode"] == 404
    for name in ("UNAUTHORIZED", "ACCESS_DENIED", "THROTTLED", "DEFAULT_4XX", "DEFAULT_5XX"):
        assert name in responses
    assert responses["UNAUTHORIZED"]["StatusCode"] == 401
    assert responses["ACCESS_DENIED"]["StatusCode"] == 403
    assert responses["AUTHORIZER_FAILURE"]["StatusCode"] == 503
    for name, response in responses.items():
        body = response["ResponseTemplates"]["application/json"]
        # $context.error.messageString renders as a quoted JSON string.
        parsed = json.loads(body.replace("$context.error.messageString", '"message"'))
        assert set(parsed) == {"error"}, name
        assert {"code", "message"} <= set(parsed["error"]), name


def test_traces_and_logs_record_no_events_or_responses(template: dict) -> None:
    env = _globals_env(template)
    assert env["POWERTOOLS_TRACER_CAPTURE_RESPONSE"] == "false"
    assert env["POWERTOOLS_LOGGER_LOG_EVENT"] == "false"
    for name in ("ingest", "query"):
        source = (ROOT / "functions" / name / "app.py").read_text()
        assert "@tracer.capture_lambda_handler(capture_response=False)" in source, name
