"""Namespaces of our ontology and of the vocabularies we reuse: the only place IRIs are spelled."""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    XSD,
    NamespaceManager,
)
from rdflib.term import Node

DEFAULT_BASE_IRI = "https://w3id.org/coopgraph/kubrat/"
DEFAULT_LICENCE = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"

VOCABULARY_BASE = "https://w3id.org/coopgraph/"
ONTOLOGY_IRI = URIRef("https://w3id.org/coopgraph/ontology")
COOP = Namespace("https://w3id.org/coopgraph/ontology#")
KIND = Namespace("https://w3id.org/coopgraph/scheme/relationship-kind/")
STATUS = Namespace("https://w3id.org/coopgraph/scheme/relationship-status/")
FIELD = Namespace("https://w3id.org/coopgraph/scheme/cooperation-field/")
ROLE = Namespace("https://w3id.org/coopgraph/scheme/participation-role/")
CGSH = Namespace("https://w3id.org/coopgraph/shapes#")
SCHEMA = Namespace("http://schema.org/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
# DCAT-AP catalogs (catalog.py)
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # rdflib's DCAT lacks DCAT 3 terms (dcat:version)
DCATAP = Namespace("http://data.europa.eu/r5r/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
IANA_MEDIA_TYPES = Namespace("http://www.iana.org/assignments/media-types/")
AUTHORITY = Namespace("http://publications.europa.eu/resource/authority/")
FILE_TYPE = Namespace(AUTHORITY["file-type/"])
LICENCE = Namespace(AUTHORITY["licence/"])
DATA_THEME = Namespace(AUTHORITY["data-theme/"])
FREQUENCY = Namespace(AUTHORITY["frequency/"])
PLANNED_AVAILABILITY = Namespace(AUTHORITY["planned-availability/"])
LICENCE_TYPE = Namespace("http://purl.org/adms/licencetype/")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")

# The same IRIs as pyoxigraph terms, for code that reads the store directly.
LABEL_PROPERTIES = tuple(pyoxigraph.NamedNode(str(iri)) for iri in (
    SKOS.prefLabel, DCTERMS.title, RDFS.label, SCHEMA.name))
DCTERMS_TITLE = pyoxigraph.NamedNode(str(DCTERMS.title))
PROV_DERIVED = pyoxigraph.NamedNode(str(PROV.wasDerivedFrom))
SCHEMA_URL = pyoxigraph.NamedNode(str(SCHEMA.url))

PREFIXES: dict[str, Namespace] = {
    "coop": COOP,
    "kind": KIND,
    "status": STATUS,
    "field": FIELD,
    "role": ROLE,
    "cgsh": CGSH,
    "schema": SCHEMA,
    "org": Namespace(str(ORG)),
    "dct": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "foaf": Namespace(str(FOAF)),
    "geo": GEO,
    "country": COUNTRY,
    "lang": LANGUAGE,
    "owl": Namespace(str(OWL)),
    "rdfs": Namespace(str(RDFS)),
    "rdf": Namespace(str(RDF)),
    "xsd": Namespace(str(XSD)),
    "sh": Namespace(str(SH)),
}


def graph_iri(base_iri: str, stem: str) -> URIRef:
    """The named graph that holds the statements of the data file ``stem``."""
    return URIRef(f"{base_iri}graph/{stem}")


@lru_cache(maxsize=1)
def namespace_manager() -> NamespaceManager:
    """A namespace manager with our prefixes only (no rdflib defaults)."""
    manager = NamespaceManager(Graph(bind_namespaces="none"), bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace)
    return manager


def shorten(term: Node, base_iri: str) -> str:
    """A short, readable form of an RDF term for messages: ``<municipality/kubrat>``,
    ``schema:endDate``, ``"1999"^^xsd:gYear``. Blank nodes become ``[]``."""
    if isinstance(term, BNode):
        return "[]"
    text = str(term)
    if isinstance(term, URIRef) and text.startswith(base_iri) and len(text) > len(base_iri):
        return f"<{text[len(base_iri):]}>"
    try:
        return term.n3(namespace_manager())
    except Exception:  # rdflib refuses IRIs it thinks invalid; show them as they are
        return f"<{text}>"
