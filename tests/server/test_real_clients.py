"""The running server (gunicorn) with clients nobody here wrote: SPARQLWrapper, rdflib's
SPARQLStore, requests, and the independent parsers rapper (raptor2) and serdi."""

from __future__ import annotations

import gzip
import shutil
import subprocess

import pytest
import requests
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

from tests.rdf_parsing import parse_quads

pytestmark = pytest.mark.server

KUBRAT = "https://w3id.org/coopgraph/kubrat/municipality/kubrat"
COOP = "https://w3id.org/coopgraph/ontology#"
PARTNERS = f"""SELECT ?partner WHERE {{
  ?relationship <{COOP}party> <{KUBRAT}>, ?partner .
  FILTER(?partner != <{KUBRAT}>)
}} ORDER BY ?partner"""


def _wrapper(server, query: str, fmt) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def test_sparqlwrapper_select_json(server):
    result = _wrapper(server, PARTNERS, JSON).query().convert()
    partners = [row["partner"]["value"] for row in result["results"]["bindings"]]
    assert "https://w3id.org/coopgraph/kubrat/municipality/amal" in partners


def test_sparqlwrapper_select_xml_and_post(server):
    client = _wrapper(server, PARTNERS, XML)
    client.setMethod("POST")
    document = client.query().convert()
    assert document.getElementsByTagName("result")


def test_sparqlwrapper_ask_and_construct(server):
    assert _wrapper(server, "ASK { ?s ?p ?o }", JSON).query().convert()["boolean"] is True
    construct = f"CONSTRUCT {{ <{KUBRAT}> ?p ?o }} WHERE {{ <{KUBRAT}> ?p ?o }}"
    graph = _wrapper(server, construct, TURTLE).query().convert()
    if isinstance(graph, bytes):
        graph = Graph().parse(data=graph, format="turtle")
    assert len(graph) > 3


def test_rdflib_sparqlstore(server):
    graph = Graph(store=SPARQLStore(server.url + "sparql", returnFormat="json"))
    rows = list(graph.query(PARTNERS))
    assert URIRef("https://w3id.org/coopgraph/kubrat/municipality/amal") in {row[0] for row in rows}
    assert len(list(graph.triples((URIRef(KUBRAT), None, None)))) > 3


@pytest.mark.parametrize(("request_kwargs", "status", "fragment"), [
    ({"method": "GET", "params": {"query": "SELECT ?x WHERE { ?x ?y }"}}, 400, "syntax error"),
    ({"method": "POST", "data": "ASK {}", "headers": {"Content-Type": "text/plain"}}, 415,
     "application/sparql-query"),
    ({"method": "POST", "data": {"update": "CLEAR ALL"}}, 403, "read-only"),
    ({"method": "POST", "data": "DROP ALL",
      "headers": {"Content-Type": "application/sparql-update"}}, 403, "read-only"),
    ({"method": "GET", "params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "2 times"),
    ({"method": "DELETE"}, 405, "DELETE"),
    ({"method": "GET", "params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}, 406,
     "acceptable"),
])
def test_each_bad_request_class_has_its_status_and_message(server, request_kwargs, status,
                                                           fragment):
    method = request_kwargs.pop("method")
    response = requests.request(method, server.url + "sparql", timeout=10, **request_kwargs)
    assert response.status_code == status
    assert fragment in response.text
    assert "Traceback" not in response.text


def test_unknown_resource_is_404(server):
    response = requests.get(server.url + "municipality/atlantis", timeout=10)
    assert response.status_code == 404
    assert "atlantis" in response.text


def test_bad_range_is_416(server):
    response = requests.get(server.url + "download/kubrat.ttl",
                            headers={"Range": "bytes=999999999-"}, timeout=10)
    assert response.status_code == 416


def test_303_then_description(server):
    response = requests.get(server.url + "municipality/kubrat",
                            headers={"Accept": "text/turtle"}, timeout=10)
    assert response.history[0].status_code == 303
    assert response.headers["Content-Type"].startswith("text/turtle")


def _run_parser(command: list[str], data: bytes) -> str:
    result = subprocess.run(command, input=data, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result.stdout.decode()


RAPPER_SYNTAX = {"text/turtle": "turtle", "application/n-triples": "ntriples",
                 "application/rdf+xml": "rdfxml", "application/trig": "trig",
                 "application/n-quads": "nquads"}
SERDI_SYNTAX = {"text/turtle": "turtle", "application/n-triples": "ntriples",
                "application/trig": "trig", "application/n-quads": "nquads"}


def _independent_parsers(media_type: str, data: bytes, base: str) -> list[str]:
    """Parse with rapper, and with serdi where it reads the syntax; the parsers that did."""
    _run_parser(["rapper", "-q", "-i", RAPPER_SYNTAX[media_type], "-o", "ntriples", "-", base],
                data)
    if media_type not in SERDI_SYNTAX:
        return ["rapper"]
    _run_parser(["serdi", "-i", SERDI_SYNTAX[media_type], "-o", "ntriples", "-", base], data)
    return ["rapper", "serdi"]


def _rdf_responses(server) -> list[tuple[str, str, bytes]]:
    """(label, media type, body) of every dump and a sample of every RDF response kind."""
    responses = []
    manifest = requests.get(server.url + "catalog", headers={"Accept": "text/turtle"}, timeout=10)
    responses.append(("catalog", "text/turtle", manifest.content))
    index = requests.get(server.url + "download/", timeout=10).text
    for entry in index.split('href="/download/')[1:]:
        name = entry.split('"', 1)[0]
        if not name or name.endswith(".sha256"):
            continue
        body = requests.get(server.url + "download/" + name, timeout=30)
        media_type = body.headers["Content-Type"].split(";")[0]
        data = body.content
        if media_type == "application/gzip":
            data, media_type = gzip.decompress(data), "application/n-triples"
        responses.append((name, media_type, data))
    for media_type in RAPPER_SYNTAX:
        for path in ("doc/municipality/kubrat", "sparql", ".well-known/void", "ontology"):
            response = requests.get(server.url + path, headers={"Accept": media_type}, timeout=10)
            if response.status_code == 200 and response.headers["Content-Type"].startswith(
                    media_type):
                responses.append((path, media_type, response.content))
    construct = requests.get(server.url + "sparql", params={
        "query": f"CONSTRUCT {{ <{KUBRAT}> ?p ?o }} WHERE {{ <{KUBRAT}> ?p ?o }}"},
        headers={"Accept": "application/rdf+xml"}, timeout=10)
    responses.append(("construct", "application/rdf+xml", construct.content))
    return responses


@pytest.mark.skipif(not shutil.which("rapper") or not shutil.which("serdi"),
                    reason="rapper (raptor2-utils) and serdi are installed by .ci/run")
def test_every_dump_and_rdf_response_parses_with_rapper_and_serdi(server):
    responses = _rdf_responses(server)
    names = {label for label, _, _ in responses}
    assert {"kubrat.ttl", "kubrat.nt.gz", "kubrat.rdf", "kubrat.trig", "kubrat.nq"} <= names
    json_ld = [data for _, media_type, data in responses if media_type == "application/ld+json"]
    assert json_ld and all(parse_quads(data, "application/ld+json") for data in json_ld)
    responses = [response for response in responses if response[1] != "application/ld+json"]
    assert {media_type for _, media_type, _ in responses} == set(RAPPER_SYNTAX)
    for label, media_type, data in responses:
        parsers = _independent_parsers(media_type, data, server.url)
        assert parsers == (["rapper", "serdi"] if media_type in SERDI_SYNTAX else ["rapper"]), label


def test_server_does_not_leak_its_version(server):
    header = requests.get(server.url, timeout=10).headers.get("Server", "")
    assert not any(character.isdigit() for character in header)
    assert "python" not in header.lower() and "werkzeug" not in header.lower()
