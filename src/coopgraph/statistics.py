"""Counts that describe a dataset (for VoID and the catalog), computed with SPARQL."""

from __future__ import annotations

import pyoxigraph

from coopgraph.store import data_graph_names

_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
_ENTITIES = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER isIRI(?s) }"
_SUBJECTS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"
_OBJECTS = "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"
_CLASSES = ("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c")
_PROPERTIES = ("SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
               " GROUP BY ?p ORDER BY ?p")
_YEARS = """PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT (MIN(?year) AS ?first) (MAX(?year) AS ?last) WHERE {
  ?s ?p ?date
  FILTER(isLiteral(?date) && datatype(?date) IN (xsd:gYear, xsd:gYearMonth, xsd:date))
  BIND(SUBSTR(STR(?date), 1, 4) AS ?year)
}"""


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def dataset_statistics(store: pyoxigraph.Store, base_iri: str) -> dict:
    """Triples, entities, classes and properties with counts, vocabularies, years covered,
    and the triples of each named graph, over the data graphs of ``store``."""
    graphs = data_graph_names(store, base_iri)

    def rows(query: str):
        return list(store.query(query, default_graph=graphs)) if graphs else []

    def number(query: str) -> int:
        found = rows(query)
        return int(found[0]["n"].value) if found else 0

    classes = {row["c"].value: int(row["n"].value) for row in rows(_CLASSES)
               if isinstance(row["c"], pyoxigraph.NamedNode)}
    properties = {row["p"].value: int(row["n"].value) for row in rows(_PROPERTIES)}
    years = rows(_YEARS)
    first = years[0]["first"] if years else None
    last = years[0]["last"] if years else None
    return {
        "triples": number(_TRIPLES),
        "entities": number(_ENTITIES),
        "distinct_subjects": number(_SUBJECTS),
        "distinct_objects": number(_OBJECTS),
        "classes": classes,
        "properties": properties,
        "vocabularies": sorted({_namespace(iri) for iri in [*classes, *properties]}),
        "first_year": first.value if first is not None else None,
        "last_year": last.value if last is not None else None,
        "graphs": {graph.value: _size(store, graph) for graph in graphs},
        "vocabulary_graphs": {graph.value: _size(store, graph) for graph in store.named_graphs()
                              if isinstance(graph, pyoxigraph.NamedNode) and graph not in graphs},
        "default_graph_triples": _size(store, pyoxigraph.DefaultGraph()),
    }


def _size(store: pyoxigraph.Store, graph) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
