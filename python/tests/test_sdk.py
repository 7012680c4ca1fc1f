"""Requests built with the Huawei Cloud SDK's real model classes (no network call is made).

What the SDK sends is taken from the SDK itself: `Client._parse_body`, the step of
`create_protected_instance` that turns the request's body into the bytes of the HTTP request
(`simplejson.dumps(sanitize_for_serialization(body))`). The package's serialisation must give
the same JSON value, and the same diagnostics as linting the SDK's own bytes.
"""

from __future__ import annotations

import datetime
import decimal
import json
from typing import Any

import pytest
from huaweicloudsdkcore.client import Client  # type: ignore[import-untyped]
from huaweicloudsdksdrs.v1 import (  # type: ignore[import-untyped]
    CreateProtectedInstanceRequest,
    CreateProtectedInstanceRequestBody,
    CreateProtectedInstanceRequestParams,
    ResourceTag,
)

import sdrs_lint

from conftest import EXAMPLES

SERVER_GROUP = "5f0c1a9e-2b7d-4c3a-9e1f-6d8b2a4c7e90"
SERVER = "9b2e4f61-7c3d-4a8e-b5f2-1e6d9c0a3b47"


def sdk_bytes(body: Any) -> str:
    """The body text the SDK's client sends for `body`."""
    sent = Client._parse_body(body)
    assert isinstance(sent, str)
    return sent


def params(**members: Any) -> Any:
    return CreateProtectedInstanceRequestParams(**members)


def request(**members: Any) -> Any:
    return CreateProtectedInstanceRequest(
        body=CreateProtectedInstanceRequestBody(protected_instance=params(**members))
    )


def reference_example() -> Any:
    """The API reference's example, built from the SDK's classes."""
    example = json.loads((EXAMPLES / "reference-example.json").read_text())["protected_instance"]
    return request(
        server_group_id=example["server_group_id"],
        server_id=example["server_id"],
        name=example["name"],
        description=example["description"],
        primary_subnet_id=example["primary_subnet_id"],
        primary_ip_address=example["primary_ip_address"],
        flavor_ref=example["flavorRef"],
        tenancy=example["tenancy"],
        dedicated_host_id=example["dedicated_host_id"],
        tags=[ResourceTag(key=t["key"], value=t["value"]) for t in example["tags"]],
    )


def summary(report: sdrs_lint.Report) -> list[tuple[str, str]]:
    return [(d.rule, d.pointer) for d in report]


def test_only_the_required_members_lint_clean() -> None:
    req = request(server_group_id=SERVER_GROUP, server_id=SERVER, name="web-01")
    # The SDK's own `to_dict` is not what is sent: it keeps unset members as None.
    assert req.body.to_dict()["protected_instance"]["flavor_ref"] is None
    report = sdrs_lint.lint(req)
    assert list(report) == []
    assert sdrs_lint.check(req) is not None
    assert json.loads(report.source) == json.loads(sdk_bytes(req.body))
    assert report.source == (
        "{\n"
        '  "protected_instance": {\n'
        f'    "server_group_id": "{SERVER_GROUP}",\n'
        f'    "server_id": "{SERVER}",\n'
        '    "name": "web-01"\n'
        "  }\n"
        "}"
    )


def test_the_reference_example_gives_the_commands_five_warnings() -> None:
    req = reference_example()
    for body in (req, req.body):
        report = sdrs_lint.lint(body)
        assert sorted(d.rule for d in report) == ["doc-example-value"] * 4 + ["id-not-uuid"]
        assert not report.has_errors
        (bad,) = [d for d in report if d.rule == "id-not-uuid"]
        assert bad.pointer == "/protected_instance/primary_subnet_id"
        assert report.source_bytes[bad.start : bad.end] == b"h"
        assert report.source.splitlines()[bad.line - 1][bad.column - 1] == "h"


def test_wire_names_are_used() -> None:
    report = sdrs_lint.lint(request(server_group_id=SERVER_GROUP, server_id=SERVER, name="a", flavor_ref="s3.large.2"))
    assert '"flavorRef": "s3.large.2"' in report.source
    assert "flavor_ref" not in report.source
    assert list(report) == []


def test_a_dict_from_to_dict_is_not_what_is_sent() -> None:
    # Linting `to_dict()` instead would report every unset member as null and flavor_ref as unknown.
    req = request(server_group_id=SERVER_GROUP, server_id=SERVER, name="a")
    rules = {d.rule for d in sdrs_lint.lint(req.body.to_dict())}
    assert rules == {"null-value", "unknown-field"}


BODIES = {
    "minimal": lambda: request(server_group_id=SERVER_GROUP, server_id=SERVER, name="web-01").body,
    "reference": lambda: reference_example().body,
    "errors": lambda: request(
        server_group_id="",
        server_id=SERVER,
        name="web 01 ｗｅｂ",
        description="<b>",
        tenancy="Dedicated",
        dedicated_host_id="x",
        primary_ip_address="010.1.1.1",
        tags=[ResourceTag(key="env", value="a/b"), ResourceTag(key="env", value=""), ResourceTag(key="", value="\t")],
    ).body,
    "unicode": lambda: request(
        server_group_id=SERVER_GROUP, server_id=SERVER, name="订单数据库", description="零宽\u200b空格 😀"
    ).body,
    "model holding a dict and odd values": lambda: CreateProtectedInstanceRequestBody(
        protected_instance={
            "server_group_id": SERVER_GROUP,
            "server_id": SERVER,
            "name": "a",
            "flavorRef": None,
            "tags": (ResourceTag(key="k", value="v"),),
            "when": datetime.date(2024, 1, 2),
            "price": decimal.Decimal("1.10"),
            "raw": "bytes é".encode(),
            1: True,
        }
    ),
    "too many tags": lambda: request(
        server_group_id=SERVER_GROUP,
        server_id=SERVER,
        name="a",
        tags=[ResourceTag(key=f"k{i}", value="v") for i in range(12)],
    ).body,
    "a tag left unset": lambda: request(
        server_group_id=SERVER_GROUP, server_id=SERVER, name="a", tags=[ResourceTag(key="k")]
    ).body,
}


@pytest.mark.parametrize("make", BODIES.values(), ids=list(BODIES))
def test_the_same_value_and_diagnostics_as_the_bytes_the_sdk_sends(make: Any) -> None:
    body = make()
    sent = sdk_bytes(body)
    report = sdrs_lint.lint(body)
    assert json.loads(report.source, parse_float=decimal.Decimal) == json.loads(sent, parse_float=decimal.Decimal)
    # Key order too: the same members in the same order.
    assert list(json.loads(report.source)["protected_instance"]) == list(json.loads(sent)["protected_instance"])
    assert summary(report) == summary(sdrs_lint.lint(sent))
    # The request wrapper is linted as its body.
    assert summary(sdrs_lint.lint(CreateProtectedInstanceRequest(body=body))) == summary(report)


def test_check_raises_before_sending_a_request_the_service_rejects() -> None:
    req = request(server_group_id=SERVER_GROUP, server_id=SERVER, name="web 01", tenancy="Dedicated")
    with pytest.raises(sdrs_lint.LintError) as caught:
        sdrs_lint.check(req)
    error = caught.value
    assert isinstance(error, ValueError)
    assert [d.rule for d in error.report] == ["name-invalid-char", "tenancy-invalid"]
    text = str(error)
    assert text.startswith("<request>: 2 errors, 0 warnings\n\nerror[name-invalid-char]: ")
    assert '"name": "web 01"' in text
    fix = error.report[1].fix
    assert fix is not None and fix.applicability == "safe"
    assert '"tenancy": "dedicated"' in fix.apply(error.report.source)


def test_warnings_alone_do_not_raise() -> None:
    report = sdrs_lint.check(reference_example())
    assert len(report) == 5


def test_a_request_without_a_body_sends_nothing() -> None:
    report = sdrs_lint.lint(CreateProtectedInstanceRequest())
    assert [d.rule for d in report] == ["invalid-json"]
    assert report.source == ""
    with pytest.raises(sdrs_lint.LintError):
        sdrs_lint.check(CreateProtectedInstanceRequest())


def test_a_request_whose_body_is_text_sends_the_text() -> None:
    text = (EXAMPLES / "reference-example.json").read_text()
    assert summary(sdrs_lint.lint(CreateProtectedInstanceRequest(body=text))) == summary(sdrs_lint.lint(text))


def test_unset_required_members_are_missing() -> None:
    report = sdrs_lint.lint(request(server_id=SERVER))
    assert [(d.rule, d.message) for d in report] == [
        ("missing-field", "`protected_instance` lacks the required member `server_group_id`"),
        ("missing-field", "`protected_instance` lacks the required member `name`"),
    ]


def test_the_sdk_refuses_what_the_package_refuses() -> None:
    nan = request(server_group_id=SERVER_GROUP, server_id=SERVER, name=float("nan"))
    with pytest.raises(ValueError):
        sdk_bytes(nan.body)
    with pytest.raises(ValueError, match="/protected_instance/name"):
        sdrs_lint.lint(nan)
    a_set = request(server_group_id=SERVER_GROUP, server_id=SERVER, name="a", tags={"x"})
    with pytest.raises(Exception):
        sdk_bytes(a_set.body)
    with pytest.raises(TypeError, match="set.*/protected_instance/tags"):
        sdrs_lint.lint(a_set)
