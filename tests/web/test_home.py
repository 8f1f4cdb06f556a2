"""The home page: what the dataset is, how big the release is (counted from its store), its
sources with their pages, the licence and the ways in ("pages for people" issue)."""

from __future__ import annotations

import re

import pyoxigraph

HTML = {"Accept": "text/html"}


def _count(store: pyoxigraph.Store, query: str, graphs) -> int:
    return int(next(iter(store.query(query, default_graph=graphs)))["n"].value)


def test_home_states_the_size_of_the_release_as_counted_in_its_store(client, release,
                                                                     web_settings):
    """The figures on the page are those a query of the published store gives now."""
    from coopgraph.store import data_graph_names

    graphs = data_graph_names(release.store, web_settings.base_iri)
    triples = _count(release.store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                                    "WHERE { ?s ?p ?o } }", graphs)
    entities = _count(release.store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o "
                                     "FILTER isIRI(?s) }", graphs)
    page = client.get("/", headers=HTML).text
    assert triples > 50 and entities > 5
    assert (f"{triples} statements (triples) about {entities} resources with an address (IRI), "
            f"in {len(graphs)} named graphs") in page
    assert release.version in page


def test_home_lists_the_sources_with_their_pages_publishers_and_addresses(client):
    page = client.get("/", headers=HTML).text
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", page, re.S)
    assert len(rows) == 3  # tests/data/sources.ttl describes three sources
    cooperation = next(row for row in rows if "/source/kubrat-cooperation-page" in row)
    assert 'href="/municipality/kubrat">Kubrat</a>' in cooperation  # the publisher's page
    assert 'href="https://kubrat.bg/bg/collaboration/collaboration.php"' in cooperation
    reference = next(row for row in rows if "/source/reference-facts" in row)
    assert ">Reference facts</a>" in reference
    assert "no web address recorded" in reference


def test_home_names_the_licence_and_links_the_ways_in(client):
    page = client.get("/", headers=HTML).text
    assert '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>' in page
    for path in ("/sparql", "/download/", "/catalog", "/ontology", "/network", "/classes/"):
        assert f'<a href="{path}">' in page, path


def test_home_speaks_bulgarian(client):
    response = client.get("/", headers={**HTML, "Accept-Language": "bg,en;q=0.5"})
    assert "Accept-Language" in response.headers["Vary"]
    page = response.text
    assert '<html lang="bg">' in page
    assert "<h1>Международното сътрудничество на Община Кубрат</h1>" in page
    assert ">Справочни данни</a>" in page  # the source's Bulgarian title
    assert ">Онтология</a>" in page  # the navigation
