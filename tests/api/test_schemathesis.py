"""Schemathesis against the live API: no 5xx, and every answer conforms to the schema.

For every operation, Hypothesis generates requests from the OpenAPI schema — valid ones and
invalid ones — and sends them over HTTP to a live server holding the demo data, with an
administrator's token (who may reach every code path past the scope checks; the scopes
themselves are the permission matrix's job). The number of examples is bounded so that the
run takes a minute or two; ``NGHIQUYET_SCHEMATHESIS_EXAMPLES`` raises it for a deeper run.
"""

from __future__ import annotations

import os

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from nghiquyet.accounts.services import api_token_create
from nghiquyet.api.api import api

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = int(os.environ.get("NGHIQUYET_SCHEMATHESIS_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_schema(
    live_server, demo_loaded, users
):
    _token, text = api_token_create(acting_user=users["quantri"], name="schemathesis")
    # One connection per request: Django's development server answers keep-alive requests
    # with a 40 ms delayed-ACK stall each.
    headers = {"Authorization": f"Bearer {text}", "Connection": "close"}
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    session = requests.Session()
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                case.call_and_validate(
                    base_url=live_server.url, session=session, headers=headers, checks=CHECKS
                )

            try:
                run()
            # every operation is tried; all failures are reported at once
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"{operation.label} [{mode}]: {exc}"[:3000])
    assert operations == len([m for p in api.get_openapi_schema()["paths"].values() for m in p])
    assert failures == [], "\n\n".join(failures)
