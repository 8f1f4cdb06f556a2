"""The VoID description of a release (https://www.w3.org/TR/void/), served at /.well-known/void.

Built from the release manifest: the counts are those the build computed over the data graphs
(see statistics.py), the dumps are the files the release serves. Each named graph (one per
source) is a subset named by its graph IRI, so a client can tell how much each source says.
"""

from __future__ import annotations

from datetime import datetime

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, VOID, XSD

from coopgraph.catalog import DESCRIPTION, TITLE, publication_of
from coopgraph.formats import FORMATS_BY_KEY
from coopgraph.settings import Settings
from coopgraph.vocab import COOP

# A resource to start browsing from, shown only when the data has a municipality.
EXAMPLE_RESOURCE = "municipality/kubrat"


def _count(value: int) -> Literal:
    return Literal(int(value), datatype=XSD.integer)


def _partitions(graph: Graph, dataset: URIRef, statistics: dict) -> None:
    """One class partition per class (with its entities) and one property partition per
    property (with its triples)."""
    for class_iri, entities in sorted(statistics.get("classes", {}).items()):
        partition = BNode()
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(class_iri)))
        graph.add((partition, VOID.entities, _count(entities)))
    for property_iri, triples in sorted(statistics.get("properties", {}).items()):
        partition = BNode()
        graph.add((dataset, VOID.propertyPartition, partition))
        graph.add((partition, VOID.property, URIRef(property_iri)))
        graph.add((partition, VOID.triples, _count(triples)))


def _subsets(graph: Graph, dataset: URIRef, statistics: dict) -> None:
    """Each named graph is a void:Dataset of its own, identified by the graph IRI."""
    for graph_name, triples in sorted(statistics.get("graphs", {}).items()):
        subset = URIRef(graph_name)
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, VOID.triples, _count(triples)))


def _counts(graph: Graph, dataset: URIRef, statistics: dict) -> None:
    for predicate, key in ((VOID.triples, "triples"), (VOID.entities, "entities"),
                           (VOID.distinctSubjects, "distinct_subjects"),
                           (VOID.distinctObjects, "distinct_objects")):
        if key in statistics:
            graph.add((dataset, predicate, _count(statistics[key])))
    graph.add((dataset, VOID.classes, _count(len(statistics.get("classes", {})))))
    graph.add((dataset, VOID.properties, _count(len(statistics.get("properties", {})))))


def build_void(manifest: dict, settings: Settings, public_url: str) -> Graph:
    """The VoID description of the release ``manifest`` served at ``public_url``."""
    public_url = public_url if public_url.endswith("/") else public_url + "/"
    statistics = manifest.get("statistics", {})
    base_iri = manifest["base_iri"]
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in (("void", VOID), ("dct", DCTERMS), ("foaf", FOAF),
                              ("rdfs", RDFS), ("xsd", XSD), ("rdf", RDF)):
        graph.bind(prefix, namespace)

    document = URIRef(f"{public_url}.well-known/void")
    dataset = URIRef(f"{document}#dataset")
    graph.add((document, RDF.type, VOID.DatasetDescription))
    graph.add((document, FOAF.primaryTopic, dataset))
    graph.add((dataset, RDF.type, VOID.Dataset))
    for language, text in TITLE.items():
        graph.add((dataset, DCTERMS.title, Literal(text, lang=language)))
    for language, text in DESCRIPTION.items():
        graph.add((dataset, DCTERMS.description, Literal(text, lang=language)))
    graph.add((dataset, FOAF.homepage, URIRef(public_url)))
    graph.add((dataset, RDFS.seeAlso, URIRef(f"{public_url}catalog")))
    graph.add((dataset, DCTERMS.license, URIRef(publication_of(settings).licence)))
    graph.add((dataset, DCTERMS.modified, Literal(datetime.fromisoformat(manifest["created"]))))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(f"{public_url}sparql")))
    for entry in manifest.get("files", []):
        graph.add((dataset, VOID.dataDump, URIRef(f"{public_url}download/{entry['name']}")))
        w3c_iri = FORMATS_BY_KEY[entry["format"]].w3c_iri
        if w3c_iri:
            graph.add((dataset, VOID.feature, URIRef(w3c_iri)))
    graph.add((dataset, VOID.uriSpace, Literal(base_iri)))
    for namespace in statistics.get("vocabularies", []):
        graph.add((dataset, VOID.vocabulary, URIRef(namespace)))
    if statistics.get("classes", {}).get(str(COOP.Municipality)):
        graph.add((dataset, VOID.exampleResource, URIRef(base_iri + EXAMPLE_RESOURCE)))
    _counts(graph, dataset, statistics)
    _partitions(graph, dataset, statistics)
    _subsets(graph, dataset, statistics)
    return graph
