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


@dataclass(frozen=True)
class Format:
    key: str
    media_type: str
    suffix: str
    kind: FormatKind
    oxigraph: pyoxigraph.RdfFormat | pyoxigraph.QueryResultsFormat | None
    rdflib: str | None
    other_media_types: tuple[str, ...] = ()

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.other_media_types)


_RDF = pyoxigraph.RdfFormat
_RESULTS = pyoxigraph.QueryResultsFormat

FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ".ttl", FormatKind.GRAPH, _RDF.TURTLE, "turtle",
           ("application/x-turtle",)),
    Format("ntriples", "application/n-triples", ".nt", FormatKind.GRAPH, _RDF.N_TRIPLES, "nt",
           ("text/plain",)),
    Format("jsonld", "application/ld+json", ".jsonld", FormatKind.GRAPH, _RDF.JSON_LD, "json-ld"),
    Format("rdfxml", "application/rdf+xml", ".rdf", FormatKind.GRAPH, _RDF.RDF_XML, "xml"),
    Format("trig", "application/trig", ".trig", FormatKind.DATASET, _RDF.TRIG, "trig"),
    Format("nquads", "application/n-quads", ".nq", FormatKind.DATASET, _RDF.N_QUADS, "nquads"),
    Format("json", "application/sparql-results+json", ".srj", FormatKind.RESULTS, _RESULTS.JSON,
           None, ("application/json",)),
    Format("xml", "application/sparql-results+xml", ".srx", FormatKind.RESULTS, _RESULTS.XML,
           None),
    Format("csv", "text/csv", ".csv", FormatKind.RESULTS, _RESULTS.CSV, None),
    Format("tsv", "text/tab-separated-values", ".tsv", FormatKind.RESULTS, _RESULTS.TSV, None),
)

FORMATS_BY_KEY = {fmt.key: fmt for fmt in FORMATS}

# Formats a data file in data/, ontology/ or shapes/ may be written in, by suffix. Both are
# read by a parser that reports line numbers (see positions.py).
SOURCE_FORMATS = {FORMATS_BY_KEY[key].suffix: FORMATS_BY_KEY[key] for key in ("turtle", "ntriples")}
