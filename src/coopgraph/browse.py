"""Browsing by class: the classes of our ontology that have instances, and the instances of
one class sorted by name, a page at a time. No HTML here (templates render these).

A class is named in URLs by the kebab-case form of its local name (``coop:FundingBody`` ->
``funding-body``), except ``coop:MunicipalRelationship``, which is ``relationship`` as in the IRI
scheme. Instances of subclasses count as instances (a twinning protocol is an agreement).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph

from coopgraph.errors import NotFound
from coopgraph.pages import pick_label
from coopgraph.vocab import COOP, LABEL_PROPERTIES

PAGE_SIZE = 50
NAME_OVERRIDES = {str(COOP.MunicipalRelationship): "relationship"}

_PREFIXES = f"""PREFIX coop: <{COOP}>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
_CLASSES = _PREFIXES + """SELECT ?class ?label ?comment WHERE {
  ?class a owl:Class FILTER(isIRI(?class) && STRSTARTS(STR(?class), STR(coop:)))
  OPTIONAL { ?class rdfs:label ?label }
  OPTIONAL { ?class rdfs:comment ?comment }
}"""
_COUNTS = _PREFIXES + """SELECT ?class (COUNT(DISTINCT ?thing) AS ?count) WHERE {
  ?thing a/rdfs:subClassOf* ?class
  FILTER(isIRI(?thing) && STRSTARTS(STR(?class), STR(coop:)))
} GROUP BY ?class"""
_LABEL_PATH = "|".join(f"<{predicate.value}>" for predicate in LABEL_PROPERTIES)
_INSTANCES = _PREFIXES + f"""SELECT DISTINCT ?class ?thing ?label WHERE {{
  ?thing a/rdfs:subClassOf* ?class FILTER(isIRI(?thing))
  OPTIONAL {{ ?thing {_LABEL_PATH} ?label FILTER(isLiteral(?label)) }}
}}"""


@dataclass(frozen=True)
class ClassInfo:
    name: str  # the URL name, e.g. "funding-body"
    iri: str
    label: str
    comment: str | None
    count: int


@dataclass(frozen=True)
class Instance:
    iri: str
    label: str
    href: str | None


@dataclass(frozen=True)
class InstancePage:
    """One page of the instances of a class; ``number`` counts from 1."""

    cls: ClassInfo
    items: tuple[Instance, ...]
    number: int
    pages: int
    total: int
    first: int  # the position of the first item, counting from 1

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def class_name(iri: str) -> str:
    """``coop:FundingBody`` -> ``funding-body``."""
    if iri in NAME_OVERRIDES:
        return NAME_OVERRIDES[iri]
    local = iri.rsplit("#", 1)[-1]
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", local).lower()


def collation_key(label: str) -> str:
    """A sort key that ignores case and accents, so that Åmål sorts with Amal and not after
    Z; the Cyrillic й keeps its breve, being a letter of its own."""
    kept = []
    for char in unicodedata.normalize("NFD", label.casefold()):
        if not unicodedata.combining(char) or (char == "\u0306" and kept and kept[-1] == "и"):
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _sort_key(label: str, iri: str) -> tuple[str, str]:
    return collation_key(label), iri


def _classes(store: pyoxigraph.Store, lang: str) -> list[ClassInfo]:
    labels: dict[str, list] = defaultdict(list)
    comments: dict[str, list] = defaultdict(list)
    for row in store.query(_CLASSES):
        iri = row["class"].value
        found = labels.setdefault(iri, [])  # every class, labelled or not
        if isinstance(row["label"], pyoxigraph.Literal):
            found.append(row["label"])
        if isinstance(row["comment"], pyoxigraph.Literal):
            comments[iri].append(row["comment"])
    counts = {row["class"].value: int(row["count"].value) for row in store.query(_COUNTS)}
    found = [ClassInfo(class_name(iri), iri, pick_label(_unique(found), lang)
                       or iri.rsplit("#", 1)[-1], pick_label(_unique(comments[iri]), lang),
                       counts.get(iri, 0))
             for iri, found in labels.items()]
    return sorted(found, key=lambda info: _sort_key(info.label, info.iri))


def _unique(literals: list) -> list:
    return sorted(set(literals), key=lambda literal: (literal.language or "", literal.value))


def list_classes(store: pyoxigraph.Store, lang: str) -> list[ClassInfo]:
    """The classes of our ontology that have at least one instance with an IRI, with their
    labels and comments in ``lang`` and their instance counts, sorted by label."""
    return [info for info in _classes(store, lang) if info.count]


def find_class(store: pyoxigraph.Store, name: str, lang: str) -> ClassInfo:
    """The class a URL name stands for; :class:`NotFound` when the ontology has none."""
    found = next((info for info in _classes(store, lang) if info.name == name), None)
    if found is None:
        raise NotFound(f"there is no class called '{name}'", location=name,
                       hint="the list of classes is at /classes/")
    return found


def list_instances(store: pyoxigraph.Store, cls: ClassInfo, lang: str, page: int,
                   link: Callable[[str], str | None],
                   page_size: int | None = None) -> InstancePage:
    """Page ``page`` (from 1) of the instances of ``cls``, sorted by their label in ``lang``,
    ``page_size`` (default :data:`PAGE_SIZE`) at a time; :class:`NotFound` for a page past the
    last (an empty class has one empty page)."""
    page_size = page_size or PAGE_SIZE
    labels: dict[str, list] = defaultdict(list)
    rows = store.query(_INSTANCES,
                       substitutions={pyoxigraph.Variable("class"): pyoxigraph.NamedNode(cls.iri)})
    for row in rows:
        found = labels.setdefault(row["thing"].value, [])
        if isinstance(row["label"], pyoxigraph.Literal):
            found.append(row["label"])
    named = sorted(((pick_label(_unique(found), lang) or _local_name(iri), iri)
                    for iri, found in labels.items()), key=lambda pair: _sort_key(*pair))
    pages = max(1, math.ceil(len(named) / page_size))
    if not 1 <= page <= pages:
        raise NotFound(f"page {page} of '{cls.name}' does not exist (there are {pages})",
                       location=cls.iri)
    start = (page - 1) * page_size
    items = tuple(Instance(iri, label, link(iri)) for label, iri in named[start:start + page_size])
    return InstancePage(cls, items, page, pages, len(named), start + 1)


def _local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
