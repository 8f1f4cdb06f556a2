"""The ontology as documentation for people: every class and property of the coop: namespace
with its labels, definition, alignments, domain and range, and the SKOS concept schemes with
their concepts, read from the vocabulary graphs of a release. No HTML here (a template renders
the model); each term's ``anchor`` is its local name, so the hash IRI
``https://w3id.org/coopgraph/ontology#Municipality`` lands on it at ``/ontology#Municipality``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN

from coopgraph.addressing import path_for_iri
from coopgraph.browse import collation_key, list_classes
from coopgraph.errors import NotFound
from coopgraph.pages import pick_label
from coopgraph.vocab import COOP, ONTOLOGY_IRI, PREFIXES, VOCABULARY_BASE, graph_iri
from coopgraph.wording import LANGUAGES, licence_name

SCHEME_BASE = VOCABULARY_BASE + "scheme/"
PROPERTY_KINDS = {  # the model's name for each kind of property, in documentation order
    str(OWL.ObjectProperty): "object", str(OWL.DatatypeProperty): "datatype",
}
CHARACTERISTICS = {str(OWL.TransitiveProperty): "transitive",
                   str(OWL.SymmetricProperty): "symmetric",
                   str(OWL.FunctionalProperty): "functional"}

Index = dict[object, dict[str, list]]  # subject -> predicate IRI -> objects


@dataclass(frozen=True)
class TermRef:
    """A term named by another: its prefixed name, its label where known, and where it is
    documented (an anchor on this page for our terms, else its own IRI)."""

    iri: str
    curie: str
    label: str | None
    href: str | None


@dataclass(frozen=True)
class Relation:
    """One line of a term's documentation: ``key`` names it in coopgraph.wording;
    ``alternatives`` are terms of which any one applies (a union), read with "or"."""

    key: str
    terms: tuple[TermRef, ...]
    alternatives: bool = False


@dataclass(frozen=True)
class TermDoc:
    anchor: str
    iri: str
    curie: str
    kind: str  # "class", "object" or "datatype"
    label: str
    other_labels: tuple[tuple[str, str], ...]  # (language, label)
    definition: str | None
    relations: tuple[Relation, ...]
    characteristics: tuple[str, ...] = ()
    instances: int | None = None  # for classes: resources of the class in the data
    browse_name: str | None = None  # its name at /classes/


@dataclass(frozen=True)
class ConceptDoc:
    anchor: str
    iri: str
    href: str | None
    label: str
    other_labels: tuple[tuple[str, str], ...]
    definition: str | None
    broader: tuple[TermRef, ...]


@dataclass(frozen=True)
class SchemeDoc:
    anchor: str
    iri: str
    href: str | None
    title: str
    description: str | None
    concepts: tuple[ConceptDoc, ...]


@dataclass(frozen=True)
class OntologyDoc:
    iri: str
    title: str
    description: str | None
    version: str | None
    version_iri: str | None
    modified: str | None
    licence: tuple[str, str] | None  # (name, href)
    prefix: str | None
    namespace: str
    classes: tuple[TermDoc, ...]
    object_properties: tuple[TermDoc, ...]
    datatype_properties: tuple[TermDoc, ...]
    schemes: tuple[SchemeDoc, ...]

    def terms(self) -> tuple[TermDoc, ...]:
        return (*self.classes, *self.object_properties, *self.datatype_properties)


def prefixed_name(iri: str) -> str:
    """``http://schema.org/Place`` -> ``schema:Place``; ``<iri>`` outside the known prefixes."""
    best = max((namespace for namespace in PREFIXES.values() if iri.startswith(str(namespace))
                and _is_local(iri[len(str(namespace)):])), key=lambda ns: len(str(ns)),
               default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(name for name, namespace in PREFIXES.items() if namespace == best)
    return f"{prefix}:{iri[len(str(best)):]}"


def _anchor(iri: str) -> str | None:
    """The id of a term on the ontology page: the local name of an ontology term
    (``Municipality``), the path of a scheme or concept below ``scheme/``
    (``relationship-kind/twinning``); None for terms documented elsewhere."""
    for namespace in (str(COOP), SCHEME_BASE):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return iri[len(namespace):]
    return None


def _is_local(rest: str) -> bool:
    return bool(rest) and "/" not in rest and "#" not in rest


def _read_index(store: pyoxigraph.Store, base_iri: str) -> Index:
    """Every statement of the vocabulary graphs (the ontology/ files) by subject."""
    prefix = str(graph_iri(base_iri, "vocabulary/"))
    index: Index = defaultdict(lambda: defaultdict(list))
    for graph in store.named_graphs():
        if isinstance(graph, pyoxigraph.NamedNode) and graph.value.startswith(prefix):
            for quad in store.quads_for_pattern(None, None, None, graph):
                objects = index[quad.subject][quad.predicate.value]
                if quad.object not in objects:
                    objects.append(quad.object)
    return index


class _Reader:
    """Reads terms out of the index in one language."""

    def __init__(self, index: Index, lang: str, base_iri: str) -> None:
        self.index, self.lang, self.base_iri = index, lang, base_iri

    def objects(self, subject, predicate) -> list:
        return self.index.get(subject, {}).get(str(predicate), [])

    def literals(self, subject, *predicates) -> list[pyoxigraph.Literal]:
        return [term for predicate in predicates for term in self.objects(subject, predicate)
                if isinstance(term, pyoxigraph.Literal)]

    def text(self, subject, *predicates) -> str | None:
        return pick_label(self.literals(subject, *predicates), self.lang)

    def label(self, subject) -> str | None:
        return self.text(subject, SKOS.prefLabel, RDFS.label, DCTERMS.title)

    def other_labels(self, subject) -> tuple[tuple[str, str], ...]:
        return tuple((literal.language, literal.value)
                     for literal in self.literals(subject, SKOS.prefLabel, RDFS.label)
                     if literal.language in LANGUAGES and literal.language != self.lang)

    def ref(self, term) -> TermRef:
        iri = term.value
        anchor = _anchor(iri)
        if anchor is not None:
            href = "#" + anchor
        else:
            href = iri if iri.startswith(("http://", "https://")) else None
        return TermRef(iri, prefixed_name(iri), self.label(term), href)

    def members(self, node) -> list:
        """The items of an RDF list."""
        found = []
        while isinstance(node, pyoxigraph.BlankNode) and len(found) < 1000:
            found.extend(self.objects(node, RDF.first))
            rest = self.objects(node, RDF.rest)
            node = rest[0] if rest else None
        return found

    def alternatives(self, term) -> list:
        """A named term, or the members of an anonymous union (``owl:unionOf``)."""
        if isinstance(term, pyoxigraph.NamedNode):
            return [term]
        return [member for union in self.objects(term, OWL.unionOf)
                for member in self.members(union) if isinstance(member, pyoxigraph.NamedNode)]

    def named(self, subject, predicate) -> list[pyoxigraph.NamedNode]:
        return [term for term in self.objects(subject, predicate)
                if isinstance(term, pyoxigraph.NamedNode)]

    def subjects(self, predicate, value) -> list[pyoxigraph.NamedNode]:
        return [subject for subject, properties in self.index.items()
                if isinstance(subject, pyoxigraph.NamedNode)
                and value in properties.get(str(predicate), [])]

    def typed(self, *classes) -> list[pyoxigraph.NamedNode]:
        wanted = {pyoxigraph.NamedNode(str(cls)) for cls in classes}
        return [subject for subject, properties in self.index.items()
                if isinstance(subject, pyoxigraph.NamedNode)
                and wanted & set(properties.get(str(RDF.type), []))]

    def sort_key(self, term) -> tuple[str, str]:
        return collation_key(self.label(term) or term.value), term.value


def _relation(key: str, terms, reader: _Reader, alternatives: bool = False) -> Relation | None:
    refs = tuple(reader.ref(term) for term in sorted(set(terms), key=reader.sort_key))
    return Relation(key, refs, alternatives) if refs else None


def _ours(terms) -> list:
    return [term for term in terms if term.value.startswith(str(COOP))]


def _domain_or_range(reader: _Reader, prop, predicate) -> list:
    return [member for value in reader.objects(prop, predicate)
            for member in reader.alternatives(value)]


def _class_doc(reader: _Reader, cls, properties, counts: dict) -> TermDoc:
    in_domain = [prop for prop in properties if cls in _domain_or_range(reader, prop, RDFS.domain)]
    in_range = [prop for prop in properties if cls in _domain_or_range(reader, prop, RDFS.range)]
    relations = [
        _relation("term_subclass_of", reader.named(cls, RDFS.subClassOf), reader),
        _relation("term_equivalent", reader.named(cls, OWL.equivalentClass), reader),
        _relation("term_disjoint", reader.named(cls, OWL.disjointWith), reader),
        _relation("term_superclass_of", _ours(reader.subjects(RDFS.subClassOf, cls)), reader),
        _relation("term_in_domain_of", in_domain, reader),
        _relation("term_in_range_of", in_range, reader),
    ]
    name, count = counts.get(cls.value, (None, 0))
    return _term_doc(reader, cls, "class", relations, instances=count, browse_name=name)


def _property_doc(reader: _Reader, prop, kind: str) -> TermDoc:
    inverse = reader.named(prop, OWL.inverseOf) + reader.subjects(OWL.inverseOf, prop)
    relations = [
        _relation("term_subproperty_of", reader.named(prop, RDFS.subPropertyOf), reader),
        _relation("term_equivalent", reader.named(prop, OWL.equivalentProperty), reader),
        _relation("term_inverse", inverse, reader),
        _relation("term_domain", _domain_or_range(reader, prop, RDFS.domain), reader, True),
        _relation("term_range", _domain_or_range(reader, prop, RDFS.range), reader, True),
        _relation("term_superproperty_of", _ours(reader.subjects(RDFS.subPropertyOf, prop)),
                  reader),
    ]
    types = {term.value for term in reader.named(prop, RDF.type)}
    characteristics = tuple(word for iri, word in CHARACTERISTICS.items() if iri in types)
    return _term_doc(reader, prop, kind, relations, characteristics=characteristics)


def _term_doc(reader: _Reader, term, kind: str, relations, **extra) -> TermDoc:
    local = term.value[len(str(COOP)):]
    return TermDoc(local, term.value, prefixed_name(term.value), kind,
                   reader.label(term) or local, reader.other_labels(term),
                   reader.text(term, RDFS.comment, SKOS.definition),
                   tuple(relation for relation in relations if relation is not None), **extra)


def _scheme_doc(reader: _Reader, scheme) -> SchemeDoc:
    concepts = sorted(reader.subjects(SKOS.inScheme, scheme), key=reader.sort_key)
    anchor = _anchor(scheme.value) or scheme.value
    return SchemeDoc(
        anchor, scheme.value, path_for_iri(scheme.value, reader.base_iri),
        reader.label(scheme) or anchor, reader.text(scheme, DCTERMS.description, RDFS.comment),
        tuple(_concept_doc(reader, concept) for concept in concepts))


def _concept_doc(reader: _Reader, concept) -> ConceptDoc:
    broader = sorted(reader.named(concept, SKOS.broader), key=reader.sort_key)
    return ConceptDoc(_anchor(concept.value) or concept.value, concept.value,
                      path_for_iri(concept.value, reader.base_iri),
                      reader.label(concept) or concept.value, reader.other_labels(concept),
                      reader.text(concept, SKOS.definition, RDFS.comment),
                      tuple(reader.ref(term) for term in broader))


def read_ontology(store: pyoxigraph.Store, base_iri: str, lang: str) -> OntologyDoc:
    """The documentation of the ontology and concept schemes in ``store`` (a release), in
    ``lang``; :class:`NotFound` when the store holds no ontology."""
    reader = _Reader(_read_index(store, base_iri), lang, base_iri)
    ontology = pyoxigraph.NamedNode(str(ONTOLOGY_IRI))
    if ontology not in reader.index:
        raise NotFound(f"the ontology <{ontology.value}> is not in this release",
                       location=ontology.value)
    ours = str(COOP)
    classes = sorted((cls for cls in reader.typed(OWL.Class, RDFS.Class)
                      if cls.value.startswith(ours)), key=reader.sort_key)
    properties = {kind: sorted((prop for prop in reader.typed(iri)
                                if prop.value.startswith(ours)), key=reader.sort_key)
                  for iri, kind in PROPERTY_KINDS.items()}
    all_properties = [prop for found in properties.values() for prop in found]
    counts = {info.iri: (info.name, info.count) for info in list_classes(store, lang)}
    licences = reader.named(ontology, DCTERMS.license)
    versions = reader.named(ontology, OWL.versionIRI)
    schemes = sorted(reader.typed(SKOS.ConceptScheme), key=reader.sort_key)
    return OntologyDoc(
        ontology.value, reader.text(ontology, DCTERMS.title, RDFS.label) or ontology.value,
        reader.text(ontology, DCTERMS.description, RDFS.comment),
        reader.text(ontology, OWL.versionInfo), versions[0].value if versions else None,
        reader.text(ontology, DCTERMS.modified),
        licence_name(licences[0].value) if licences else None,
        reader.text(ontology, VANN.preferredNamespacePrefix),
        reader.text(ontology, VANN.preferredNamespaceUri) or ours,
        tuple(_class_doc(reader, cls, all_properties, counts) for cls in classes),
        tuple(_property_doc(reader, prop, "object") for prop in properties["object"]),
        tuple(_property_doc(reader, prop, "datatype") for prop in properties["datatype"]),
        tuple(_scheme_doc(reader, scheme) for scheme in schemes))
