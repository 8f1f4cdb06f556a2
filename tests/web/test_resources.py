"""Dereferencing IRIs: 303 to descriptions, content negotiation, provenance, escaping."""

import pytest
from rdflib import Graph, URIRef

from tests.rdf_parsing import graph_names, triple_set

BASE = "https://w3id.org/coopgraph/kubrat/"


def test_a_thing_redirects_303_to_its_description(client):
    response = client.get("/municipality/kubrat", headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/doc/municipality/kubrat")


def test_unknown_iri_is_404_not_500(client):
    response = client.get("/municipality/atlantis")
    assert response.status_code == 404
    assert "atlantis" in response.text


@pytest.mark.parametrize("media_type", ["text/turtle", "application/ld+json",
                                        "application/rdf+xml", "application/n-triples"])
def test_description_in_rdf_formats(client, media_type):
    response = client.get("/doc/municipality/kubrat", headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.mimetype == media_type
    triples = triple_set(response.data, media_type)
    kubrat = f"<{BASE}municipality/kubrat>"
    assert any(s == kubrat for s, _, _ in triples)
    assert any(o == kubrat for _, _, o in triples)  # incoming links


def test_trig_description_keeps_the_source_graphs(client):
    response = client.get("/doc/municipality/kubrat.trig")
    graphs = graph_names(response.data, "application/trig")
    assert f"{BASE}graph/kubrat-cooperation-page" in graphs


def test_suffix_picks_the_format(client):
    response = client.get("/doc/municipality/kubrat.jsonld")
    assert response.mimetype == "application/ld+json"
    assert response.headers["Content-Location"] == "/doc/municipality/kubrat.jsonld"


def test_link_header_names_the_alternates(client):
    link = client.get("/doc/municipality/kubrat", headers={"Accept": "text/turtle"}).headers["Link"]
    assert '</doc/municipality/kubrat.ttl>; rel="alternate"; type="text/turtle"' in link
    assert "application/ld+json" in link


def test_browsers_get_a_page_with_sources(client):
    response = client.get("/doc/municipality/kubrat",
                          headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.mimetype == "text/html"
    assert "Kubrat" in response.text
    assert "Sources" in response.text


def test_page_language_follows_accept_language(client):
    page = client.get("/doc/municipality/kubrat", headers={"Accept": "text/html",
                                                           "Accept-Language": "bg"})
    assert "<h1>Кубрат</h1>" in page.text


def test_description_is_cacheable(client):
    first = client.get("/doc/municipality/kubrat", headers={"Accept": "text/turtle"})
    again = client.get("/doc/municipality/kubrat",
                       headers={"Accept": "text/turtle", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_ontology_is_served_at_its_namespace(client):
    response = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    assert (URIRef("https://w3id.org/coopgraph/ontology#Municipality"), None, None) in graph


def test_security_headers_on_pages(client):
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "Server" not in headers or "Python" not in headers.get("Server", "")


def test_quantities_show_their_qualifier(client):
    english = client.get("/doc/municipality/kubrat", headers={"Accept": "text/html"}).text
    assert "about 440 km²" in english
    bulgarian = client.get("/doc/municipality/kubrat?lang=bg").text
    assert "около 440" in bulgarian


def test_redirect_keeps_the_language_choice(client):
    response = client.get("/municipality/kubrat?lang=bg", headers={"Accept": "text/html"})
    assert response.headers["Location"].endswith("/doc/municipality/kubrat?lang=bg")
