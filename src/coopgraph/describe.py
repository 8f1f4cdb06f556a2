"""The description of one IRI: its statements, the statements that point at it, the labels of
its neighbours, and the source that states each statement. No HTML here: a view model and RDF.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph
from rdflib.namespace import OWL

from coopgraph.errors import NotFound
from coopgraph.vocab import DCTERMS_TITLE, LABEL_PROPERTIES, PROV_DERIVED, SCHEMA_URL

Term = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal
MAX_STATEMENTS = 5000  # a description is for reading; larger neighbourhoods go to SPARQL
MAX_IRI_SHOWN = 300  # characters of an unknown IRI that a message repeats
INVERSE_OF = pyoxigraph.NamedNode(str(OWL.inverseOf))


@dataclass(frozen=True)
class SourceInfo:
    """Who states the facts of one named graph."""

    graph: pyoxigraph.NamedNode
    source: pyoxigraph.NamedNode | None
    titles: tuple[pyoxigraph.Literal, ...]
    url: str | None


@dataclass
class Description:
    iri: pyoxigraph.NamedNode
    outgoing: list[pyoxigraph.Quad] = field(default_factory=list)
    incoming: list[pyoxigraph.Quad] = field(default_factory=list)
    labels: dict[Term, list[pyoxigraph.Literal]] = field(default_factory=dict)
    sources: dict[pyoxigraph.NamedNode, SourceInfo] = field(default_factory=dict)
    label_quads: list[pyoxigraph.Quad] = field(default_factory=list)
    # Labels of the inverse of each property that points here, where the ontology names one
    # (``[] owl:inverseOf coop:party ; rdfs:label "partner in"``): they read from this side.
    inverse_labels: dict[pyoxigraph.NamedNode, list[pyoxigraph.Literal]] = field(
        default_factory=dict)
    # Statements about blank nodes that point at the IRI (a participation in a project):
    # the blank node's own statements and the statements that point at it.
    blank_context: list[pyoxigraph.Quad] = field(default_factory=list)
    truncated: bool = False

    def quads(self) -> list[pyoxigraph.Quad]:
        """Every statement of the description with its graph (for TriG and N-Quads); labels
        of neighbours are given in the graph that states them."""
        return [*self.outgoing, *self.incoming, *self.label_quads]

    def triples(self) -> list[pyoxigraph.Triple]:
        """The same statements without graphs, each once (for Turtle, JSON-LD, ...)."""
        seen = dict.fromkeys(quad.triple for quad in self.quads())
        return list(seen)


def _named(quads) -> Iterator[pyoxigraph.Quad]:
    """Quads of the named graphs only (the default graph repeats them as their union), read
    lazily so that a description cut at MAX_STATEMENTS stops reading the store there."""
    return (quad for quad in quads if isinstance(quad.graph_name, pyoxigraph.NamedNode))


def _neighbours(description: Description) -> set[Term]:
    found = {quad.object for quad in description.outgoing}
    found |= {quad.subject for quad in description.incoming}
    found |= {term for quad in description.blank_context for term in (quad.subject, quad.object)}
    found |= {quad.predicate for quad in (*description.outgoing, *description.incoming,
                                          *description.blank_context)}
    return {term for term in found if isinstance(term, pyoxigraph.NamedNode | pyoxigraph.BlankNode)}


def _source_of(store: pyoxigraph.Store, graph: pyoxigraph.NamedNode) -> SourceInfo:
    """The source a graph comes from; a graph derived from several sources (the description
    of the sources themselves) is named by its own IRI instead."""
    derived = {quad.object for quad in _named(store.quads_for_pattern(graph, PROV_DERIVED, None))}
    source = next(iter(derived)) if len(derived) == 1 else None
    titles: tuple = ()
    url = None
    if isinstance(source, pyoxigraph.NamedNode):
        titles = tuple(quad.object for quad in store.quads_for_pattern(source, DCTERMS_TITLE, None)
                       if isinstance(quad.object, pyoxigraph.Literal))
        url_quad = next(iter(store.quads_for_pattern(source, SCHEMA_URL, None)), None)
        url = url_quad.object.value if url_quad else None
    return SourceInfo(graph, source if isinstance(source, pyoxigraph.NamedNode) else None,
                      tuple(dict.fromkeys(titles)), url)


def unknown_resource(iri: str) -> NotFound:
    """The error for an IRI nothing is known about; a very long one is shortened."""
    shown = iri if len(iri) <= MAX_IRI_SHOWN else iri[:MAX_IRI_SHOWN] + "…"
    return NotFound(f"nothing is known about <{shown}>", location=shown)


def _node(iri: str) -> pyoxigraph.NamedNode:
    """``iri`` as a node; a string that is no IRI (a request path with a space, a control
    character or ``<``) names nothing the store can hold, so it is :class:`NotFound`."""
    try:
        return pyoxigraph.NamedNode(iri)
    except ValueError:
        raise NotFound("nothing is known about this address: it is not a valid IRI",
                       location=iri[:MAX_IRI_SHOWN]) from None


def describe_resource(store: pyoxigraph.Store, iri: str) -> Description:
    """Describe ``iri`` from every named graph; :class:`NotFound` when the store never
    mentions it."""
    node = _node(iri)
    description = Description(node)
    for quad in _named(store.quads_for_pattern(node, None, None)):
        description.outgoing.append(quad)
        # blank-node values (amounts, quantities, participations) belong to the description
        if isinstance(quad.object, pyoxigraph.BlankNode):
            description.outgoing.extend(store.quads_for_pattern(quad.object, None, None,
                                                                quad.graph_name))
        if len(description.outgoing) > MAX_STATEMENTS:
            description.truncated = True
            break
    for quad in _named(store.quads_for_pattern(None, None, node)):
        description.incoming.append(quad)
        if len(description.incoming) > MAX_STATEMENTS:
            description.truncated = True
            break
    if not description.outgoing and not description.incoming:
        raise unknown_resource(iri)
    for blank in {quad.subject for quad in description.incoming
                  if isinstance(quad.subject, pyoxigraph.BlankNode)}:
        description.blank_context.extend(_named(store.quads_for_pattern(blank, None, None)))
        description.blank_context.extend(_named(store.quads_for_pattern(None, None, blank)))
    labels: dict[Term, list] = defaultdict(list)
    for neighbour in _neighbours(description) | {node}:
        for predicate in LABEL_PROPERTIES:
            for quad in _named(store.quads_for_pattern(neighbour, predicate, None)):
                if isinstance(quad.object, pyoxigraph.Literal):
                    labels[neighbour].append(quad.object)
                    if neighbour != node:
                        description.label_quads.append(quad)
    description.labels = {term: list(dict.fromkeys(values)) for term, values in labels.items()}
    description.inverse_labels = _inverse_labels(
        store, {quad.predicate for quad in description.incoming})
    graphs = {quad.graph_name for quad in description.quads()
              if isinstance(quad.graph_name, pyoxigraph.NamedNode)}
    description.sources = {graph: _source_of(store, graph) for graph in sorted(
        graphs, key=lambda graph: graph.value)}
    return description


def _inverse_labels(store: pyoxigraph.Store, predicates: set) -> dict:
    """The labels of the inverse of each of ``predicates``: of a property declared its inverse
    (``owl:inverseOf``, either way round), named or anonymous."""
    found: dict = {}
    for predicate in predicates:
        inverses = {quad.subject for quad in store.quads_for_pattern(None, INVERSE_OF, predicate)}
        inverses |= {quad.object for quad in store.quads_for_pattern(predicate, INVERSE_OF, None)}
        labels = [quad.object for inverse in inverses
                  if isinstance(inverse, pyoxigraph.NamedNode | pyoxigraph.BlankNode)
                  for label_property in LABEL_PROPERTIES
                  for quad in _named(store.quads_for_pattern(inverse, label_property, None))
                  if isinstance(quad.object, pyoxigraph.Literal)]
        if labels:
            found[predicate] = list(dict.fromkeys(labels))
    return found


_DOCUMENT_QUERY = """SELECT ?s ?p ?o ?g ?document WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER(?s = ?document || STRSTARTS(STR(?s), CONCAT(STR(?document), "#")))
}"""


def describe_document(store: pyoxigraph.Store, iri: str) -> Description:
    """A hash-namespace document (the ontology): the statements about the document IRI and
    about every ``IRI#term``."""
    node = pyoxigraph.NamedNode(iri)
    description = Description(node)
    for row in store.query(_DOCUMENT_QUERY,
                           substitutions={pyoxigraph.Variable("document"): node}):
        description.outgoing.append(pyoxigraph.Quad(row["s"], row["p"], row["o"], row["g"]))
    if not description.outgoing:
        raise unknown_resource(iri)
    description.labels = {node: [quad.object for quad in description.outgoing
                                 if quad.subject == node and quad.predicate in LABEL_PROPERTIES
                                 and isinstance(quad.object, pyoxigraph.Literal)]}
    return description


def is_known(store: pyoxigraph.Store, iri: str) -> bool:
    """Whether any named graph mentions ``iri`` as subject or object."""
    try:
        node = _node(iri)
    except NotFound:
        return False
    return any(isinstance(quad.graph_name, pyoxigraph.NamedNode) for pattern in (
        (node, None, None), (None, None, node)) for quad in store.quads_for_pattern(*pattern))
