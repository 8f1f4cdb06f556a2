"""SERVICE is refused unless its endpoint is allowed; nothing else is."""

import pytest

from coopgraph.errors import FederationRefused
from coopgraph.federation import check_federation

ALLOWED = {"https://query.wikidata.org/sparql"}


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:8080/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://169.254.169.254/latest> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    "PREFIX e: <http://evil.example/> SELECT * WHERE { SERVICE e:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1/> { ?s ?p ?o } }",
    "SELECT * WHERE {SERVICE<http://127.0.0.1/>{?s ?p ?o}}",
    "SELECT * WHERE { ?a ?b ?c FILTER(?a<?b) SERVICE <http://10.0.0.1/> { ?s ?p ?o } }",
    "# SERVICE <https://query.wikidata.org/sparql>\nSELECT * { SERVICE <http://x/> {} }",
])
def test_service_to_an_endpoint_not_allowed_is_refused(query):
    with pytest.raises(FederationRefused, match="not allowed"):
        check_federation(query, ALLOWED)


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service a <http://example.org/Service> }",
    'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1/> { }" }',
    "SELECT * WHERE { ?s <http://example.org/service/provider> ?o } # service",
    "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:x ?o }",
    "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
    'SELECT * WHERE { ?s ?p """a\nSERVICE <http://x/> {}""" }',
])
def test_other_queries_and_allowed_endpoints_pass(query):
    check_federation(query, ALLOWED)


def test_nothing_is_allowed_by_default():
    with pytest.raises(FederationRefused) as caught:
        check_federation("SELECT * { SERVICE <https://query.wikidata.org/sparql> {} }", ())
    assert "service_allow_list" in caught.value.hint
