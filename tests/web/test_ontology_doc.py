"""The ontology as documentation at /ontology for browsers: every term with its labels,
definition, alignments, domain and range, anchored by its local name, and the concept schemes;
RDF clients keep getting RDF ("pages for people" issue)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from rdflib import OWL, RDF, RDFS, Graph

from tests.conftest import REPO
from tests.rdf_parsing import triple_set

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
COOP = "https://w3id.org/coopgraph/ontology#"


class Ids(HTMLParser):
    """Every id of a page, and the text of each element that has one (up to its end tag)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.open: list[tuple[str, str, list[str]]] = []
        self.texts: dict[str, str] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs).get("id")
        if found is not None:
            self.ids.append(found)
        if self.open:  # elements are words apart in the text
            self.open[-1][2].append(" ")
        if tag not in ("br", "meta", "link", "img", "input"):
            self.open.append((tag, found, []))

    def handle_endtag(self, tag):
        while self.open:
            name, found, text = self.open.pop()
            if found is not None:
                self.texts[found] = " ".join("".join(text).split())
            if self.open:
                self.open[-1][2].extend(text)
            if name == tag:
                break

    def handle_data(self, data):
        if self.open:
            self.open[-1][2].append(data)


def ontology_terms() -> dict[str, set]:
    """The coop: classes and properties of ontology/coopgraph.ttl, read with rdflib."""
    graph = Graph().parse(REPO / "ontology" / "coopgraph.ttl")
    kinds = {"class": OWL.Class, "object": OWL.ObjectProperty, "datatype": OWL.DatatypeProperty}
    return {kind: {str(term)[len(COOP):] for term in graph.subjects(RDF.type, cls)
                   if str(term).startswith(COOP)} for kind, cls in kinds.items()}


def test_browsers_get_documentation_with_an_anchor_per_term(client):
    response = client.get("/ontology", headers=HTML)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = Ids(response.text)
    terms = ontology_terms()
    expected = set().union(*terms.values())
    assert len(expected) > 30
    missing = expected - set(page.ids)
    assert not missing, f"terms without an anchor: {sorted(missing)}"
    assert len(page.ids) == len(set(page.ids)), "ids must be unique"


def test_a_class_shows_labels_definition_alignments_and_properties(client):
    page = Ids(client.get("/ontology", headers=HTML).text)
    municipality = page.texts["Municipality"]
    assert municipality.startswith("Municipality coop:Municipality")
    assert "Label in Bulgarian Община" in municipality
    assert "unit of local self-government" in municipality  # rdfs:comment
    assert "Subclass of schema:GovernmentOrganization, org:Organization" in municipality
    assert "coop:seat (seat)" in municipality  # a property whose domain it is


def test_a_property_shows_domain_range_and_alignment(client):
    text = client.get("/ontology", headers=HTML).text
    page = Ids(text)
    seat = page.texts["seat"]
    assert "Subproperty of schema:location" in seat
    assert "Domain coop:Municipality (Municipality)" in seat
    assert "Range coop:Town (Town)" in seat
    # unions read as alternatives
    assert ("Domain coop:Agreement (Agreement) or coop:MunicipalRelationship (Relationship "
            "between municipalities)") in page.texts["party"]
    assert "transitive" in page.texts["partOfProgramme"]
    # alignments link to the term's own IRI, our terms to their anchor
    assert '<a href="http://schema.org/location"><code>schema:location</code></a>' in text
    assert '<a href="#Municipality"><code>coop:Municipality</code></a>' in text


def test_concept_schemes_list_concepts_with_definitions_and_broader(client):
    page = Ids(client.get("/ontology", headers=HTML).text)
    kinds = page.texts["relationship-kind"]
    assert "Kinds of relationship between municipalities" in kinds
    assert "Twinning" in kinds and "Побратимяване" in kinds
    assert "formal and lasting friendship" in page.texts["relationship-kind/twinning"]
    # youth employment has two broader fields
    youth_employment = page.texts["cooperation-field/youth-employment"]
    assert "Youth" in youth_employment and "Employment" in youth_employment


def test_the_page_follows_the_readers_language(client):
    page = Ids(client.get("/ontology?lang=bg", headers=HTML).text)
    municipality = page.texts["Municipality"]
    assert municipality.startswith("Община coop:Municipality")
    assert "Етикет на английски Municipality" in municipality
    assert "Подклас на" in municipality
    html = client.get("/ontology", headers={**HTML, "Accept-Language": "bg"}).text
    assert '<html lang="bg">' in html
    assert "Класове" in html


def test_classes_link_to_their_resources_in_the_data(client):
    page = client.get("/ontology", headers=HTML).text
    assert re.search(r'<a href="/classes/municipality">2 resources</a>', page)


def test_rdf_clients_still_get_rdf(client):
    for accept in ("text/turtle", "application/ld+json", "application/rdf+xml"):
        response = client.get("/ontology", headers={"Accept": accept})
        assert response.status_code == 200
        assert response.mimetype == accept
        triples = triple_set(response.data, accept)
        assert (f"<{COOP}Municipality>", f"<{RDFS.subClassOf}>",
                "<http://www.w3.org/ns/org#Organization>") in triples
    assert client.get("/ontology.html").mimetype == "text/html"


def test_resource_pages_link_ontology_terms_to_their_anchor(client):
    page = client.get("/doc/municipality/kubrat", headers=HTML).text
    assert 'href="/ontology#Municipality"' in page
