"""The VoID description: counts from the manifest, links to the endpoint and the dumps."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, VOID, XSD

from coopgraph.formats import FORMATS_BY_KEY
from coopgraph.settings import Settings
from coopgraph.void import build_void
from tests.unit.conftest import BASE_IRI, DUMPS, make_manifest

PUBLIC_URL = "https://data.example.org/coop/"
DATASET = URIRef(PUBLIC_URL + ".well-known/void#dataset")
COOP = "https://w3id.org/coopgraph/ontology#"
SCHEMA = "http://schema.org/"
CLASSES = {COOP + "Municipality": 3, COOP + "Project": 2, SCHEMA + "Park": 1}
PROPERTIES = {COOP + "party": 12, SCHEMA + "startDate": 9,
              "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": 40}
GRAPHS = {BASE_IRI + "graph/sources": 60, BASE_IRI + "graph/kubrat-cooperation-page": 300}
def void_manifest(classes: dict[str, int] = CLASSES) -> dict:
    return make_manifest(classes=classes, properties=PROPERTIES, vocabularies=[COOP, SCHEMA],
                         graphs=GRAPHS)


@pytest.fixture
def void(tmp_path: Path) -> Graph:
    return build_void(void_manifest(), Settings(root=tmp_path), PUBLIC_URL)


def count(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def test_dataset_counts_come_from_the_manifest(void: Graph) -> None:
    assert (DATASET, RDF.type, VOID.Dataset) in void
    assert void.value(DATASET, VOID.triples) == count(900)
    assert void.value(DATASET, VOID.entities) == count(120)
    assert void.value(DATASET, VOID.distinctSubjects) == count(130)
    assert void.value(DATASET, VOID.distinctObjects) == count(400)
    assert void.value(DATASET, VOID.classes) == count(len(CLASSES))
    assert void.value(DATASET, VOID.properties) == count(len(PROPERTIES))


def test_dataset_links_endpoint_dumps_homepage_and_licence(void: Graph) -> None:
    assert void.value(DATASET, VOID.sparqlEndpoint) == URIRef(PUBLIC_URL + "sparql")
    assert set(void.objects(DATASET, VOID.dataDump)) == {
        URIRef(PUBLIC_URL + "download/" + name) for name, _, _ in DUMPS}
    assert void.value(DATASET, FOAF.homepage) == URIRef(PUBLIC_URL)
    assert void.value(DATASET, DCTERMS.license) == URIRef(
        "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")
    assert {title.language for title in void.objects(DATASET, DCTERMS.title)} == {"en", "bg"}
    description = URIRef(PUBLIC_URL + ".well-known/void")
    assert void.value(description, FOAF.primaryTopic) == DATASET


def test_uri_space_and_vocabularies_describe_the_iris(void: Graph) -> None:
    assert void.value(DATASET, VOID.uriSpace) == Literal(BASE_IRI)
    assert set(void.objects(DATASET, VOID.vocabulary)) == {URIRef(COOP), URIRef(SCHEMA)}


def test_example_resource_is_the_municipality_when_there_is_one(void: Graph) -> None:
    assert void.value(DATASET, VOID.exampleResource) == URIRef(
        BASE_IRI + "municipality/kubrat")


def test_no_example_resource_without_municipalities(tmp_path: Path) -> None:
    graph = build_void(void_manifest({SCHEMA + "Park": 1}), Settings(root=tmp_path),
                       PUBLIC_URL)
    assert graph.value(DATASET, VOID.exampleResource) is None


def test_class_and_property_partitions_carry_their_counts(void: Graph) -> None:
    classes = {void.value(partition, VOID["class"]): void.value(partition, VOID.entities)
               for partition in void.objects(DATASET, VOID.classPartition)}
    assert classes == {URIRef(iri): count(n) for iri, n in CLASSES.items()}
    properties = {void.value(partition, VOID.property): void.value(partition, VOID.triples)
                  for partition in void.objects(DATASET, VOID.propertyPartition)}
    assert properties == {URIRef(iri): count(n) for iri, n in PROPERTIES.items()}


def test_every_named_graph_is_a_subset_with_its_triples(void: Graph) -> None:
    subsets = {subset: void.value(subset, VOID.triples)
               for subset in void.objects(DATASET, VOID.subset)}
    assert subsets == {URIRef(iri): count(n) for iri, n in GRAPHS.items()}
    assert all((subset, RDF.type, VOID.Dataset) in void for subset in subsets)


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "rdfxml", "ntriples"])
def test_void_round_trips_through_every_graph_format(void: Graph, fmt: str) -> None:
    """Serialized by rdflib as the web layer does, parsed back by Oxigraph."""
    body = void.serialize(format=FORMATS_BY_KEY[fmt].rdflib, encoding="utf-8")
    parsed = pyoxigraph.parse(body, format=FORMATS_BY_KEY[fmt].oxigraph)
    assert sum(1 for _ in parsed) == len(void)
