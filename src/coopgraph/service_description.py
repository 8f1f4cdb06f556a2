"""The SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from coopgraph.formats import FormatKind, formats_of

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")


def build_service_description(endpoint_url: str, manifest: dict, public_url: str) -> Graph:
    """Describe the endpoint: its URL, language, result formats, features and dataset."""
    graph = Graph(bind_namespaces="none")
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service = URIRef(endpoint_url + "#service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint_url)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((service, SD.defaultEntailmentRegime, ENTAILMENT.Simple))
    for fmt in formats_of(FormatKind.RESULTS, FormatKind.GRAPH):
        graph.add((service, SD.resultFormat, URIRef(fmt.w3c_iri)))
    dataset = URIRef(public_url + ".well-known/void#dataset")
    description = BNode()
    graph.add((service, SD.defaultDataset, description))
    graph.add((description, RDF.type, SD.Dataset))
    graph.add((description, DCTERMS.source, dataset))
    default_graph = BNode()
    graph.add((description, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    statistics = manifest.get("statistics", {})
    graph.add((default_graph, VOID.triples,  # the union of all graphs, vocabulary included
               Literal(statistics.get("default_graph_triples", statistics.get("triples", 0)),
                       datatype=XSD.integer)))
    named_graphs = {**statistics.get("graphs", {}), **statistics.get("vocabulary_graphs", {})}
    for name, triples in sorted(named_graphs.items()):
        named = BNode()
        graph.add((description, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name)))
        contents = BNode()
        graph.add((named, SD.graph, contents))
        graph.add((contents, RDF.type, SD.Graph))
        graph.add((contents, VOID.triples, Literal(triples, datatype=XSD.integer)))
    return graph
