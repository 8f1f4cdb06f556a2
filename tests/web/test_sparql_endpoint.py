"""The SPARQL 1.1 Protocol at /sparql, through the Flask test client."""

import csv
import io
import json
from urllib.parse import urlencode

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from tests.rdf_parsing import triple_set

SELECT = "SELECT ?m WHERE { ?m a <https://w3id.org/coopgraph/ontology#Municipality> } ORDER BY ?m"
ASK = "ASK { ?s ?p ?o }"
CONSTRUCT = ("CONSTRUCT { ?m a <https://w3id.org/coopgraph/ontology#Municipality> } WHERE "
             "{ ?m a <https://w3id.org/coopgraph/ontology#Municipality> }")
SD = "http://www.w3.org/ns/sparql-service-description#"


def _get(client, query, **headers):
    return client.get("/sparql?" + urlencode({"query": query}), headers=headers)


def _municipalities(response) -> list[str]:
    return [row["m"]["value"] for row in response.get_json()["results"]["bindings"]]


def test_get_query_answers_json_by_default(client):
    response = _get(client, SELECT)
    assert response.status_code == 200
    assert response.mimetype == "application/sparql-results+json"
    assert "https://w3id.org/coopgraph/kubrat/municipality/kubrat" in _municipalities(response)


def test_post_form_and_post_direct_give_the_same_answer(client):
    form = client.post("/sparql", data={"query": SELECT})
    direct = client.post("/sparql", data=SELECT.encode(),
                         headers={"Content-Type": "application/sparql-query"})
    assert form.status_code == direct.status_code == 200
    assert _municipalities(form) == _municipalities(direct) == _municipalities(_get(client, SELECT))


@pytest.mark.parametrize(("accept", "media_type"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_results_are_negotiated(client, accept, media_type):
    response = _get(client, SELECT, Accept=accept)
    assert response.status_code == 200
    assert response.mimetype == media_type


def test_csv_results_have_a_header_and_rows(client):
    rows = list(csv.reader(io.StringIO(_get(client, SELECT, Accept="text/csv").text)))
    assert rows[0] == ["m"]
    assert len(rows) >= 3


def test_format_parameter_wins_over_accept(client):
    response = client.get("/sparql?" + urlencode({"query": SELECT, "format": "csv"}),
                          headers={"Accept": "application/sparql-results+json"})
    assert response.mimetype == "text/csv"


def test_nothing_acceptable_is_406(client):
    response = _get(client, SELECT, Accept="image/png")
    assert response.status_code == 406
    assert "text/csv" in response.text


def test_ask_answers_a_boolean(client):
    assert _get(client, ASK).get_json()["boolean"] is True


def test_construct_answers_turtle_by_default_and_jsonld_on_request(client):
    turtle = _get(client, CONSTRUCT)
    assert turtle.mimetype == "text/turtle"
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert (URIRef("https://w3id.org/coopgraph/kubrat/municipality/kubrat"), RDF.type,
            None) in graph
    jsonld = _get(client, CONSTRUCT, Accept="application/ld+json")
    assert jsonld.mimetype == "application/ld+json"
    assert len(triple_set(jsonld.data, "application/ld+json")) == len(graph)


def test_same_query_twice_is_400(client):
    response = client.get("/sparql?" + urlencode([("query", ASK), ("query", ASK)]))
    assert response.status_code == 400
    assert "2 times" in response.text


def test_malformed_query_is_400_naming_the_position(client):
    response = _get(client, "SELECT ?x WHERE { ?x ?y }")
    assert response.status_code == 400
    assert "syntax error" in response.text
    assert "1:" in response.text


@pytest.mark.parametrize("request_kwargs", [
    {"data": {"update": "CLEAR ALL"}},
    {"data": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}},
])
def test_updates_are_refused_as_forbidden(client, request_kwargs):
    response = client.post("/sparql", **request_kwargs)
    assert response.status_code == 403
    assert "read-only" in response.text
    assert _get(client, ASK).get_json()["boolean"] is True


def test_update_sent_as_a_query_is_a_bad_request_that_says_why(client):
    response = _get(client, "INSERT DATA { <http://a/s> <http://a/p> 1 }")
    assert response.status_code == 400
    assert "INSERT is SPARQL Update, which this read-only endpoint does not accept" in \
        response.get_data(as_text=True)


def test_post_with_an_unsupported_media_type_is_415(client):
    response = client.post("/sparql", data=ASK, headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_non_utf8_query_body_is_rejected(client):
    response = client.post("/sparql", data=ASK.encode("utf-16"),
                           headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert 400 <= response.status_code < 500


def test_other_methods_are_405_with_allow(client):
    response = client.put("/sparql", data=ASK)
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]


def test_default_graph_uri_restricts_the_dataset(client):
    graph = "https://w3id.org/coopgraph/kubrat/graph/sources"
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    whole = int(_get(client, query).get_json()["results"]["bindings"][0]["n"]["value"])
    response = client.get("/sparql?" + urlencode({"query": query, "default-graph-uri": graph}))
    part = int(response.get_json()["results"]["bindings"][0]["n"]["value"])
    assert 0 < part < whole


def test_named_graphs_tell_which_source_states_a_fact(client):
    query = ("SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/coopgraph/kubrat/relationship/"
             "kubrat-amal> ?p ?o } }")
    graphs = {row["g"]["value"] for row in _get(client, query).get_json()["results"]["bindings"]}
    assert graphs and all("/graph/" in graph for graph in graphs)


def test_etag_and_last_modified_give_304(client):
    first = _get(client, SELECT)
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = _get(client, SELECT, **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    other = _get(client, SELECT, Accept="text/csv", **{"If-None-Match": first.headers["ETag"]})
    assert other.status_code == 200


def test_cors_allows_browser_clients(client):
    assert _get(client, ASK).headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/sparql", headers={"Origin": "http://yasgui.example",
                                                   "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 204
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_large_answers_are_gzipped_when_asked(client):
    query = "SELECT * WHERE { ?s ?p ?o }"
    response = _get(client, query, **{"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    import gzip

    assert json.loads(gzip.decompress(response.data))["results"]["bindings"]


def test_service_description_without_query(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    endpoints = set(graph.objects(None, URIRef(SD + "endpoint")))
    assert endpoints == {URIRef("http://coopgraph.test/sparql")}


def test_service_is_refused_so_the_endpoint_fetches_no_url(client):
    response = _get(client, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert response.status_code == 403
    assert "not allowed" in response.text
