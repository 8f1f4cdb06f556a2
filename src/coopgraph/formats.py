"""The one table of formats: key, media types, file suffix, library format names, and kind.

Everything that reads, writes or negotiates a format looks it up here; media types are spelled
nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import pyoxigraph


class FormatKind(Enum):
    GRAPH = "graph"  # a set of triples (CONSTRUCT, DESCRIBE, a resource description)
    DATASET = "dataset"  # triples in named graphs (dumps with provenance)
    RESULTS = "results"  # SELECT / ASK results
    PAGE = "page"  # a page for people


W3C_FORMATS = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Format:
    key: str
    media_type: str
    suffix: str
    kind: FormatKind
    oxigraph: pyoxigraph.RdfFormat | pyoxigraph.QueryResultsFormat | None
    rdflib: str | None
    other_media_types: tuple[str, ...] = ()
    w3c_name: str | None = None  # local name in http://www.w3.org/ns/formats/

    @property
    def w3c_iri(self) -> str | None:
        """The format's IRI in the W3C format registry (used by service descriptions)."""
        return W3C_FORMATS + self.w3c_name if self.w3c_name else None

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.other_media_types)


_RDF = pyoxigraph.RdfFormat
_RESULTS = pyoxigraph.QueryResultsFormat

FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ".ttl", FormatKind.GRAPH, _RDF.TURTLE, "turtle",
           ("application/x-turtle",), "Turtle"),
    Format("ntriples", "application/n-triples", ".nt", FormatKind.GRAPH, _RDF.N_TRIPLES, "nt",
           ("text/plain",), "N-Triples"),
    Format("jsonld", "application/ld+json", ".jsonld", FormatKind.GRAPH, _RDF.JSON_LD, "json-ld",
           (), "JSON-LD"),
    Format("rdfxml", "application/rdf+xml", ".rdf", FormatKind.GRAPH, _RDF.RDF_XML, "xml",
           (), "RDF_XML"),
    Format("trig", "application/trig", ".trig", FormatKind.DATASET, _RDF.TRIG, "trig",
           (), "TriG"),
    Format("nquads", "application/n-quads", ".nq", FormatKind.DATASET, _RDF.N_QUADS, "nquads",
           (), "N-Quads"),
    Format("json", "application/sparql-results+json", ".srj", FormatKind.RESULTS, _RESULTS.JSON,
           None, ("application/json",), "SPARQL_Results_JSON"),
    Format("xml", "application/sparql-results+xml", ".srx", FormatKind.RESULTS, _RESULTS.XML,
           None, ("application/xml",), "SPARQL_Results_XML"),
    Format("csv", "text/csv", ".csv", FormatKind.RESULTS, _RESULTS.CSV, None, (),
           "SPARQL_Results_CSV"),
    Format("tsv", "text/tab-separated-values", ".tsv", FormatKind.RESULTS, _RESULTS.TSV, None,
           (), "SPARQL_Results_TSV"),
    Format("html", "text/html", ".html", FormatKind.PAGE, None, None, ("application/xhtml+xml",)),
)

FORMATS_BY_KEY = {fmt.key: fmt for fmt in FORMATS}

# Formats a data file in data/, ontology/ or shapes/ may be written in, by suffix. Both are
# read by a parser that reports line numbers (see positions.py).
SOURCE_FORMATS = {FORMATS_BY_KEY[key].suffix: FORMATS_BY_KEY[key] for key in ("turtle", "ntriples")}


def formats_of(*kinds: FormatKind) -> tuple[Format, ...]:
    """The formats of the given kinds, in the table's order (the order of preference)."""
    return tuple(fmt for fmt in FORMATS if fmt.kind in kinds)


def format_for_media_type(media_type: str) -> Format | None:
    """The format a media type (without parameters) names, if any."""
    wanted = media_type.split(";", 1)[0].strip().lower()
    return next((fmt for fmt in FORMATS if wanted in fmt.media_types), None)
