"""IRI <-> path round trips of the URI scheme, in coopgraph.addressing and through the app:
every IRI a data file can mint is served at the path pages link to, and no other route of
the app takes that path.

Part of issue 5, "Hold up under load, hostile queries and bad data".
"""

from __future__ import annotations

from urllib.parse import unquote

from hypothesis import given
from hypothesis import strategies as st

from coopgraph.addressing import iri_for_path, path_for_iri
from coopgraph.vocab import VOCABULARY_BASE

BASE = "https://w3id.org/coopgraph/kubrat/"
BASES = [BASE, "https://data.kubrat.example/", "http://127.0.0.1:8000/lod/"]
# The types of the URI scheme (README, "The URI scheme").
TYPES = ["municipality", "organisation", "place", "relationship", "agreement", "decision",
         "project", "programme", "funding", "activity", "post", "document", "source", "graph"]

kebab_slugs = st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,4}", fullmatch=True)
# Names beyond the scheme's ASCII slugs that an IRI may still hold (no "#": that is the
# fragment, which never reaches a server).
odd_names = st.text(st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="#"),
                    min_size=1, max_size=30)


@given(st.sampled_from(TYPES), kebab_slugs | odd_names, st.sampled_from(BASES))
def test_every_dataset_iri_round_trips_through_its_path(kind, name, base):
    iri = f"{base}{kind}/{name}"
    path = path_for_iri(iri, base)
    assert path.startswith(f"/{kind}/")
    assert path.isascii() and " " not in path
    assert iri_for_path(unquote(path)[1:], base) == iri


@given(st.sampled_from(TYPES), kebab_slugs)
def test_slugs_of_the_scheme_need_no_escaping(kind, slug):
    assert path_for_iri(f"{BASE}{kind}/{slug}", BASE) == f"/{kind}/{slug}"


@given(st.sampled_from(TYPES), kebab_slugs, st.text(max_size=20))
def test_the_fragment_does_not_change_the_path(kind, slug, fragment):
    assert path_for_iri(f"{BASE}{kind}/{slug}#{fragment}", BASE) == f"/{kind}/{slug}"


@given(st.from_regex(r"[a-z]+(-[a-z]+)*(/[a-z0-9]+(-[a-z0-9]+)*){0,2}", fullmatch=True))
def test_concept_scheme_iris_round_trip(local):
    iri = f"{VOCABULARY_BASE}scheme/{local}"
    path = path_for_iri(iri, BASE)
    assert iri_for_path(unquote(path)[1:], BASE) == iri


@given(st.text(max_size=40))
def test_iris_elsewhere_have_no_local_path(local):
    assert path_for_iri("https://example.org/" + local, BASE) is None


@given(st.sampled_from(TYPES), kebab_slugs.filter(lambda slug: slug != "kubrat"))
def test_an_unknown_iri_of_the_scheme_reaches_the_resource_route(property_client, kind, slug):
    """The 404 names the IRI itself: the path was taken by the resource route (not by
    /download/, /sparql, /classes/ ...) and mapped back to the same IRI."""
    iri = f"{BASE}{kind}/{slug}"
    response = property_client.get(path_for_iri(iri, BASE), headers={"Accept": "text/plain"})
    assert response.status_code == 404
    assert f"nothing is known about <{iri}>" in response.get_data(as_text=True)


def test_every_resource_of_the_release_redirects_to_its_description(property_client):
    query = ("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } "
             f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{BASE}")) }}')
    bindings = property_client.get("/sparql", query_string={"query": query}).get_json()[
        "results"]["bindings"]
    subjects = [row["s"]["value"] for row in bindings]
    assert len(subjects) > 5
    for iri in subjects:
        path = path_for_iri(iri, BASE)
        response = property_client.get(path)
        assert response.status_code == 303, iri
        assert response.headers["Location"].endswith("/doc" + path)
        assert property_client.get("/doc" + path, headers={
            "Accept": "text/turtle"}).status_code == 200, iri
