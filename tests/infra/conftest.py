"""Fixtures for the infrastructure tests: the SAM template as written and as SAM translates it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import boto3
import pytest
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator
from samtranslator.yaml_helper import yaml_parse

TEMPLATE = Path(__file__).resolve().parents[2] / "infra" / "template.yaml"


@pytest.fixture(scope="session")
def template() -> dict[str, Any]:
    """The template with short-form tags (!Ref, !Sub ...) turned into their long form."""
    return yaml_parse(TEMPLATE.read_text())


@pytest.fixture(scope="session")
def translated(template: dict[str, Any]) -> dict[str, Any]:
    """The template after the SAM transform, as CloudFormation would receive it.

    Local code paths stand in for the S3 locations that `sam package` would write.
    """
    sam = copy.deepcopy(template)
    for resource in sam["Resources"].values():
        props = resource.get("Properties", {})
        if resource["Type"] == "AWS::Serverless::Function":
            props["CodeUri"] = "s3://bucket/function.zip"
        elif resource["Type"] == "AWS::Serverless::LayerVersion":
            props["ContentUri"] = "s3://bucket/layer.zip"
    translator = Translator(
        managed_policy_map=None,
        sam_parser=Parser(),
        boto_session=boto3.session.Session(region_name="us-east-1"),
    )
    return translator.translate(sam, parameter_values={}, get_managed_policy_map=lambda: {})
