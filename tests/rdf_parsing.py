"""Parse RDF in tests with Oxigraph (rdflib's JSON-LD and dataset parsers emit deprecation
warnings, which this project's pytest settings turn into errors)."""

from __future__ import annotations

import pyoxigraph

FORMATS = {
    "text/turtle": pyoxigraph.RdfFormat.TURTLE,
    "application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES,
    "application/ld+json": pyoxigraph.RdfFormat.JSON_LD,
    "application/rdf+xml": pyoxigraph.RdfFormat.RDF_XML,
    "application/trig": pyoxigraph.RdfFormat.TRIG,
    "application/n-quads": pyoxigraph.RdfFormat.N_QUADS,
}


def parse_quads(data: bytes, media_type: str, base_iri: str | None = None) -> list:
    """Every quad (or triple, as a quad in the default graph) of ``data``."""
    return list(pyoxigraph.parse(data, format=FORMATS[media_type], base_iri=base_iri))


def triple_set(data: bytes, media_type: str) -> set[tuple[str, str, str]]:
    """The triples of ``data`` as strings, graphs ignored (blank nodes as ``_:``)."""
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in parse_quads(data, media_type)
            if not isinstance(q.subject, pyoxigraph.BlankNode)
            and not isinstance(q.object, pyoxigraph.BlankNode)}


def graph_names(data: bytes, media_type: str) -> set[str]:
    return {q.graph_name.value for q in parse_quads(data, media_type)
            if isinstance(q.graph_name, pyoxigraph.NamedNode)}
