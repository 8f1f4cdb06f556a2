"""The W3C SPARQL 1.1 Protocol tests (w3c/rdf-tests, sparql/sparql11/protocol) against a real
coopgraph server, one pytest test per manifest entry, with the manifest's test name as id."""

from __future__ import annotations

import pytest

from tests.conformance.earl import NOT_APPLICABLE, OBSERVED
from tests.conformance.http_checks import problems, send
from tests.conformance.manifest import ProtocolTest, protocol_tests

pytestmark = [pytest.mark.conformance, pytest.mark.server]

TESTS = protocol_tests()


@pytest.mark.parametrize("test", TESTS, ids=[test.name for test in TESTS])
def test_protocol(test: ProtocolTest, endpoint: str, record_property) -> None:
    """Send the test's requests in order; each response must match its ``ht:resp``."""
    if test.is_positive_update:
        pytest.skip(f"{NOT_APPLICABLE}: the test needs SPARQL Update to succeed, and coopgraph's "
                    "endpoint is read-only by design (it must refuse updates, which the "
                    "bad_update_* tests check)")
    for number, request in enumerate(test.requests, start=1):
        response = send(endpoint, request)
        record_property(OBSERVED, f"request {number}: {request.method} -> {response.status} "
                                  f"{response.headers.get('Content-Type')}")
        found = problems(request, response)
        assert not found, (f"{test.name} ({test.label}), request {number}:\n"
                           f"{request.describe()}\n-> " + "\n-> ".join(found))
