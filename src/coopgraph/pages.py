"""View models for pages about resources: labels in the reader's language, facts grouped by
property with their sources. No HTML here (templates render these)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph
from rdflib.namespace import DCTERMS

from coopgraph.addressing import path_for_iri
from coopgraph.describe import Description
from coopgraph.vocab import COOP, LABEL_PROPERTIES
from coopgraph.vocab import SCHEMA as SCHEMA_NS
from coopgraph.wording import LANGUAGES, words_for

__all__ = ["LANGUAGES", "PageModel", "PropertyGroup", "SourceEntry", "Value", "build_page",
           "list_sources", "local_href", "pick_label", "quantity_phrase"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SCHEMA = "http://schema.org/"
ROLE = "https://w3id.org/coopgraph/ontology#role"
APPROXIMATE = "https://w3id.org/coopgraph/ontology#approximate"
UNIT_CODES = {"KMK": "km²", "KTM": "km", "HAR": "ha"}  # UN/CEFACT codes the data uses


def local_href(iri: str, base_iri: str) -> str | None:
    """The local URL of ``iri``, keeping its fragment: ontology terms are hash IRIs, and
    ``/ontology#Municipality`` lands on the term."""
    path = path_for_iri(iri, base_iri)
    if path is not None and "#" in iri:
        path += "#" + iri.split("#", 1)[1]
    return path


def quantity_phrase(by_property: dict, lang: str) -> str | None:
    """``at least 350 residents``, ``about 440 km²``, ``at least 200000 EUR``; None when the
    statements are not a quantity or an amount."""
    words = words_for(lang)
    unit = by_property.get(SCHEMA + "currency") or by_property.get(SCHEMA + "unitText")
    code = by_property.get(SCHEMA + "unitCode")
    if unit is None and code is not None:
        unit = pyoxigraph.Literal(UNIT_CODES.get(code.value, code.value))
    parts = []
    for bound in ("value", "minValue", "maxValue"):
        number = by_property.get(SCHEMA + bound)
        if number is None:
            continue
        approximate = by_property.get(APPROXIMATE)
        prefix = words.get(f"bound_{bound}") or (
            words["bound_about"] if approximate is not None and approximate.value == "true"
            else "")
        parts.append(f"{prefix} {number.value}".strip())
    if not parts:
        return None
    return " – ".join(parts) + (f" {unit.value}" if unit is not None else "")


def pick_label(labels: list[pyoxigraph.Literal], lang: str) -> str | None:
    """The label in ``lang``, else English, else Bulgarian, else any."""
    for wanted in (lang, "en", "bg", None):
        for label in labels:
            if wanted is None or label.language == wanted:
                return label.value
    return None


@dataclass
class Value:
    text: str
    href: str | None
    sources: list[str]
    iri: str | None = None


@dataclass
class PropertyGroup:
    """The values of one property. For statements pointing at the resource, ``inverse`` says
    that ``label`` is the property's inverse label ("partner in"), which reads from the
    resource's side; otherwise it is the property's own label ("party")."""

    label: str
    iri: str
    values: list[Value] = field(default_factory=list)
    inverse: bool = False


@dataclass
class PageModel:
    title: str
    iri: str
    types: list[Value]
    facts: list[PropertyGroup]
    incoming: list[PropertyGroup]
    sources: list[Value]


def _local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def build_page(description: Description, lang: str,
               link: Callable[[str], str | None]) -> PageModel:
    """Group the description for reading; ``link`` maps an IRI to a local URL (or None)."""
    labels = description.labels

    def _predicate_label(predicate) -> str:
        return pick_label(labels.get(predicate, []), lang) or _local_name(predicate.value)

    def term_value(term, graphs) -> Value:
        sources = sorted({_source_name(description, graph, lang) for graph in graphs})
        if isinstance(term, pyoxigraph.Literal):
            suffix = f" ({term.language})" if term.language else ""
            return Value(term.value + suffix, None, sources)
        if isinstance(term, pyoxigraph.NamedNode):
            text = pick_label(labels.get(term, []), lang) or _local_name(term.value)
            return Value(text, link(term.value), sources, term.value)
        return blank_value(term, sources)

    def blank_value(term, sources) -> Value:
        """A value without identity: a quantity or amount as a phrase ("at least 350
        residents"), a participation as the project it belongs to, else its statements."""
        statements = [quad for quad in (*description.outgoing, *description.blank_context)
                      if quad.subject == term and quad.predicate.value != RDF_TYPE]
        by_property = {quad.predicate.value: quad.object for quad in statements}
        unit_texts = [quad.object for quad in statements
                      if quad.predicate.value == SCHEMA + "unitText"]
        if unit_texts:  # the unit in the reader's language
            chosen = pick_label(unit_texts, lang)
            by_property[SCHEMA + "unitText"] = next(t for t in unit_texts if t.value == chosen)
        quantity = quantity_phrase(by_property, lang)
        if quantity:
            return Value(quantity, None, sources)
        parents = [quad for quad in description.blank_context if quad.object == term
                   and isinstance(quad.subject, pyoxigraph.NamedNode)]
        if parents:
            parent = term_value(parents[0].subject, [])
            role = by_property.get(ROLE)
            if role is not None:
                parent.text += f" ({term_value(role, []).text})"
            return Value(parent.text, parent.href, sources, parent.iri)
        parts = [f"{_predicate_label(quad.predicate)}: {term_value(quad.object, []).text}"
                 for quad in statements]
        return Value("; ".join(dict.fromkeys(parts)) or str(words_for(lang)["no_details"]),
                     None, sources)

    def group_for(predicate, incoming: bool) -> PropertyGroup:
        inverse = pick_label(description.inverse_labels.get(predicate, []), lang) \
            if incoming else None
        if inverse:
            return PropertyGroup(inverse, predicate.value, inverse=True)
        return PropertyGroup(_predicate_label(predicate), predicate.value)

    def groups(quads, key, incoming: bool = False) -> list[PropertyGroup]:
        grouped: dict[str, PropertyGroup] = {}
        seen: dict[tuple, Value] = {}
        for quad in quads:
            predicate = quad.predicate.value
            if predicate not in grouped:
                grouped[predicate] = group_for(quad.predicate, incoming)
            group = grouped[predicate]
            term = key(quad)
            marker = (predicate, term)
            if marker in seen:
                source = _source_name(description, quad.graph_name, lang)
                if source not in seen[marker].sources:
                    seen[marker].sources.append(source)
                continue
            value = term_value(term, [quad.graph_name])
            seen[marker] = value
            group.values.append(value)
        if incoming:  # what points here comes in no meaningful order: sort it by name
            for group in grouped.values():
                group.values.sort(key=lambda value: value.text.casefold())
        return sorted(grouped.values(), key=lambda group: group.label.casefold())

    top_level = [quad for quad in description.outgoing if quad.subject == description.iri]
    type_iri = RDF_TYPE
    facts = [quad for quad in top_level if quad.predicate.value != type_iri]
    types = list({quad.object: term_value(quad.object, [quad.graph_name]) for quad in top_level
                  if quad.predicate.value == type_iri}.values())
    title = pick_label(labels.get(description.iri, []), lang) or _local_name(
        description.iri.value)
    sources = [Value(_source_name(description, info.graph, lang),
                     info.url, [], info.source.value if info.source else None)
               for info in description.sources.values() if info.source is not None]
    return PageModel(title, description.iri.value, types,
                     groups(facts, lambda quad: quad.object),
                     groups(description.incoming, lambda quad: quad.subject, incoming=True),
                     sources)


def _source_name(description: Description, graph, lang: str) -> str:
    info = description.sources.get(graph)
    if info is None:
        return _local_name(getattr(graph, "value", "unknown"))
    return pick_label(list(info.titles), lang) or _local_name(graph.value)


@dataclass(frozen=True)
class SourceEntry:
    """A source of the dataset for the home page: its title in the reader's language, its
    page here, who published it and where it is on the web."""

    iri: str
    title: str
    href: str | None
    publisher: Value | None
    url: str | None


_LABEL_PATH = "|".join(f"<{predicate.value}>" for predicate in LABEL_PROPERTIES)
_SOURCES = f"""SELECT ?source ?title ?publisher ?publisherLabel ?url WHERE {{
  ?source a <{COOP.Source}> FILTER(isIRI(?source))
  OPTIONAL {{ ?source <{DCTERMS.title}> ?title }}
  OPTIONAL {{ ?source <{DCTERMS.publisher}> ?publisher
             OPTIONAL {{ ?publisher {_LABEL_PATH} ?publisherLabel }} }}
  OPTIONAL {{ ?source <{SCHEMA_NS.url}> ?url }}
}}"""


def list_sources(store: pyoxigraph.Store, lang: str,
                 link: Callable[[str], str | None]) -> list[SourceEntry]:
    """Every source of the dataset (``coop:Source``), sorted by title in ``lang``."""
    found: dict[str, dict] = {}
    for row in store.query(_SOURCES):
        entry = found.setdefault(row["source"].value, {"titles": [], "publisher": None,
                                                       "publisher_labels": [], "url": None})
        for key, variable in (("titles", "title"), ("publisher_labels", "publisherLabel")):
            if isinstance(row[variable], pyoxigraph.Literal) and row[variable] not in entry[key]:
                entry[key].append(row[variable])
        if row["publisher"] is not None:
            entry["publisher"] = row["publisher"].value
        if row["url"] is not None:
            entry["url"] = row["url"].value
    entries = []
    for iri, entry in found.items():
        publisher = None
        if entry["publisher"] is not None:
            publisher = Value(pick_label(entry["publisher_labels"], lang)
                              or _local_name(entry["publisher"]), link(entry["publisher"]), [],
                              entry["publisher"])
        entries.append(SourceEntry(iri, pick_label(entry["titles"], lang) or _local_name(iri),
                                   link(iri), publisher, entry["url"]))
    return sorted(entries, key=lambda entry: (entry.title.casefold(), entry.iri))
