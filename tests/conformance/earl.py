"""An EARL 1.0 report (https://www.w3.org/TR/EARL10-Schema/) of the conformance run: one
earl:Assertion per W3C test, written as Turtle by rdflib."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, DOAP, FOAF, XSD

from coopgraph import __version__

EARL = Namespace("http://www.w3.org/ns/earl#")
NOT_APPLICABLE = "not applicable"  # skip reasons starting so are earl:inapplicable
OBSERVED = "observed"  # record_property name: what the server answered, for earl:info
OUTCOMES = {"passed": EARL.passed, "failed": EARL.failed, "inapplicable": EARL.inapplicable,
            "cantTell": EARL.cantTell}


@dataclass(frozen=True)
class Outcome:
    test_iri: URIRef
    outcome: str  # a key of OUTCOMES
    info: str
    date: datetime


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def build_report(outcomes: list[Outcome], endpoint_url: str | None) -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in (("earl", EARL), ("dcterms", DCTERMS), ("doap", DOAP),
                              ("foaf", FOAF), ("xsd", XSD)):
        graph.bind(prefix, namespace)
    subject, assertor = BNode("coopgraph"), BNode("assertor")
    graph.add((subject, RDF.type, EARL.TestSubject))
    graph.add((subject, RDF.type, DOAP.Project))
    graph.add((subject, DOAP.name, Literal("coopgraph")))
    graph.add((subject, DOAP["programming-language"], Literal("Python")))
    release = BNode("release")
    graph.add((subject, DOAP.release, release))
    graph.add((release, DOAP.revision, Literal(__version__)))
    if endpoint_url:
        graph.add((subject, DCTERMS.description, Literal(
            f"coopgraph's read-only SPARQL endpoint, tested at {endpoint_url} "
            "(python -m coopgraph serve, gunicorn)", lang="en")))
    graph.add((assertor, RDF.type, EARL.Software))
    graph.add((assertor, DOAP.name, Literal("coopgraph tests/conformance (pytest)")))
    for outcome in outcomes:
        assertion, result = BNode(), BNode()
        graph.add((assertion, RDF.type, EARL.Assertion))
        graph.add((assertion, EARL.assertedBy, assertor))
        graph.add((assertion, EARL.subject, subject))
        graph.add((assertion, EARL.test, outcome.test_iri))
        graph.add((assertion, EARL.mode, EARL.automatic))
        graph.add((assertion, EARL.result, result))
        graph.add((result, RDF.type, EARL.TestResult))
        graph.add((result, EARL.outcome, OUTCOMES[outcome.outcome]))
        graph.add((result, DCTERMS.date, Literal(outcome.date)))
        if outcome.info:
            graph.add((result, EARL.info, Literal(outcome.info)))
    return graph


def write_report(path: Path, outcomes: list[Outcome], endpoint_url: str | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    build_report(outcomes, endpoint_url).serialize(path, format="turtle", encoding="utf-8")
