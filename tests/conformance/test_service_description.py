"""The W3C SPARQL 1.1 Service Description tests (w3c/rdf-tests,
sparql/sparql11/service-description): the manifest names them and leaves the procedure to the
runner; the procedures below follow the conformance section of the specification
(https://www.w3.org/TR/sparql11-service-description/#conformance)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.term import Node

from tests.conformance.http_checks import RDF_FORMATS, get
from tests.conformance.manifest import ServiceDescriptionTest, service_description_tests

pytestmark = [pytest.mark.conformance, pytest.mark.server]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
TESTS = service_description_tests()

# The Service Description vocabulary, listed by hand from the specification (section 3).
SD_CLASSES = {"Service", "Language", "Function", "Aggregate", "EntailmentRegime",
              "EntailmentProfile", "GraphCollection", "Dataset", "Graph", "NamedGraph",
              "Feature"}
SD_INSTANCES = {"SPARQL10Query", "SPARQL11Query", "SPARQL11Update",  # sd:Language
                "DereferencesURIs", "UnionDefaultGraph", "RequiresDataset", "EmptyGraphs",
                "BasicFederatedQuery"}  # sd:Feature
SD_PROPERTIES = {"endpoint", "feature", "defaultEntailmentRegime", "entailmentRegime",
                 "defaultSupportedEntailmentProfile", "supportedEntailmentProfile",
                 "extensionFunction", "extensionAggregate", "languageExtension",
                 "supportedLanguage", "propertyFeature", "defaultDataset", "availableGraphs",
                 "resultFormat", "inputFormat", "defaultGraph", "namedGraph", "name", "graph"}
SD_TERMS = {SD[name] for name in SD_CLASSES | SD_INSTANCES | SD_PROPERTIES}
LANGUAGES = {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
FEATURES = {SD.DereferencesURIs, SD.UnionDefaultGraph, SD.RequiresDataset, SD.EmptyGraphs,
            SD.BasicFederatedQuery}


def _description(endpoint: str) -> Graph:
    """GET on the endpoint without a query, parsed as the RDF format it says it is."""
    response = get(endpoint)
    assert response.status == 200, f"GET {endpoint} -> {response.summary()}"
    fmt = RDF_FORMATS.get(response.media_type)
    assert fmt is not None, f"GET {endpoint} is not RDF: {response.summary()}"
    try:
        return Graph().parse(data=response.body, format=fmt)
    except Exception as error:  # any parser failure is the finding
        pytest.fail(f"GET {endpoint}: the {fmt} does not parse ({error}): {response.summary()}")


def returns_rdf(endpoint: str) -> None:
    assert len(_description(endpoint)) > 0, "the service description is empty"


def has_endpoint_triple(endpoint: str) -> None:
    graph = _description(endpoint)
    services = set(graph.subjects(SD.endpoint, URIRef(endpoint)))
    assert services, (f"no ?service sd:endpoint <{endpoint}>; sd:endpoint values: "
                      f"{sorted(map(str, graph.objects(None, SD.endpoint)))}")


def _schema_problems(graph: Graph) -> list[str]:
    found = []
    used = {term for triple in graph for term in triple
            if isinstance(term, URIRef) and str(term).startswith(str(SD))}
    found += [f"{term} is not a term of the SD vocabulary" for term in sorted(used - SD_TERMS)]

    def typed(node: Node, cls: URIRef) -> bool:
        return (node, RDF.type, cls) in graph

    services = set(graph.subjects(RDF.type, SD.Service))
    if not services:
        found.append("no resource is typed sd:Service")
    for service, url in graph.subject_objects(SD.endpoint):
        if not isinstance(url, URIRef):
            found.append(f"sd:endpoint of {service} is not an IRI: {url!r}")
    for service in services:
        languages = set(graph.objects(service, SD.supportedLanguage))
        if not languages:
            found.append(f"{service} has no sd:supportedLanguage")
        found += [f"sd:supportedLanguage {lang} is not an sd:Language of the vocabulary"
                  for lang in languages - LANGUAGES if not typed(lang, SD.Language)]
        found += [f"sd:feature {feature} is neither a feature of the vocabulary nor an "
                  "sd:Feature" for feature in set(graph.objects(service, SD.feature)) - FEATURES
                  if not typed(feature, SD.Feature)]
        found += [f"sd:resultFormat {fmt!r} is not an IRI"
                  for fmt in graph.objects(service, SD.resultFormat)
                  if not isinstance(fmt, URIRef)]
    for subject, dataset in graph.subject_objects(SD.defaultDataset):
        if not typed(dataset, SD.Dataset):
            found.append(f"the sd:defaultDataset of {subject} is not typed sd:Dataset")
    for subject, default in graph.subject_objects(SD.defaultGraph):
        if not typed(default, SD.Graph):
            found.append(f"the sd:defaultGraph of {subject} is not typed sd:Graph")
    for subject, named in graph.subject_objects(SD.namedGraph):
        if not typed(named, SD.NamedGraph):
            found.append(f"an sd:namedGraph of {subject} is not typed sd:NamedGraph")
    # the one check of the Working Group's own validator (kasei/sparql11-sdvalidator)
    for named in graph.subjects(RDF.type, SD.NamedGraph):
        names = list(graph.objects(named, SD.name))
        if len(names) != 1 or not isinstance(names[0], URIRef):
            found.append(f"sd:NamedGraph {named} must have exactly one IRI sd:name, has {names}")
        for contents in graph.objects(named, SD.graph):
            if not typed(contents, SD.Graph):
                found.append(f"the sd:graph of {named} is not typed sd:Graph")
    return found


def conforms_to_schema(endpoint: str) -> None:
    found = _schema_problems(_description(endpoint))
    assert not found, "\n".join(found)


PROCEDURES: dict[str, Callable[[str], None]] = {
    "returns-rdf": returns_rdf,
    "has-endpoint-triple": has_endpoint_triple,
    "conforms-to-schema": conforms_to_schema,
}


@pytest.mark.parametrize("test", TESTS, ids=[test.name for test in TESTS])
def test_service_description(test: ServiceDescriptionTest, endpoint: str) -> None:
    """Run the procedure the specification's conformance section gives for the test."""
    procedure = PROCEDURES.get(test.name)
    assert procedure is not None, f"no procedure for the manifest's test {test.name}"
    procedure(endpoint)
