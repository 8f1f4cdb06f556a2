"""The DCAT-AP 3 catalog of a release: the dataset, its dumps and the SPARQL service.

Built as an rdflib graph from the release manifest (nothing reads the store), so the catalog
always describes exactly the files a release serves. Every IRI used as an object is typed and
labelled here, so the catalog validates against the official DCAT-AP 3.0.1 shapes offline.

IRIs: the catalog is ``{public_url}catalog#catalog`` and its helpers are fragments of the same
document (``#publisher``, ``#contact-point``, ``#distribution-{file}``); the SPARQL service is
``{public_url}sparql#service`` (the ``sd:Service`` of the service description); the dataset is
the base IRI of its data (``https://w3id.org/coopgraph/kubrat/``), which stays the same when
the site moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, GEO, RDF, RDFS, SKOS, XSD

from coopgraph.formats import FORMATS_BY_KEY
from coopgraph.settings import Settings
from coopgraph.vocab import (
    ADMS,
    AUTHORITY,
    COUNTRY,
    DATA_THEME,
    DCAT,
    DCATAP,
    FILE_TYPE,
    FREQUENCY,
    IANA_MEDIA_TYPES,
    LANGUAGE,
    LICENCE,
    LICENCE_TYPE,
    ONTOLOGY_IRI,
    PLANNED_AVAILABILITY,
    SPARQL_PROTOCOL,
    SPDX,
    VCARD,
)

# The EU file type of each dump format (key of formats.FORMATS_BY_KEY).
FILE_TYPES = {"turtle": FILE_TYPE.RDF_TURTLE, "ntriples": FILE_TYPE.RDF_N_TRIPLES,
              "jsonld": FILE_TYPE.JSON_LD, "rdfxml": FILE_TYPE.RDF_XML,
              "trig": FILE_TYPE.RDF_TRIG, "nquads": FILE_TYPE.RDF_N_QUADS}
DATASET_FORMATS = frozenset({"trig", "nquads"})  # dumps that keep one named graph per source

# English labels of the code-list concepts the catalog uses, so readers need not look them up
# (the authority tables hold the official labels in every EU language).
CONCEPT_LABELS = {
    FILE_TYPE.RDF_TURTLE: "RDF Turtle", FILE_TYPE.RDF_N_TRIPLES: "RDF N-Triples",
    FILE_TYPE.JSON_LD: "JSON-LD", FILE_TYPE.RDF_XML: "RDF/XML", FILE_TYPE.RDF_TRIG: "RDF TriG",
    FILE_TYPE.RDF_N_QUADS: "RDF N-Quads", FILE_TYPE.SPARQLQ: "SPARQL query",
    DATA_THEME.GOVE: "Government and public sector", DATA_THEME.REGI: "Regions and cities",
    DATA_THEME.EDUC: "Education, culture and sport",
    LANGUAGE.BUL: "Bulgarian", LANGUAGE.ENG: "English",
    FREQUENCY.IRREG: "irregular", PLANNED_AVAILABILITY.AVAILABLE: "available",
    LICENCE_TYPE.Attribution: "Attribution",
}
CONCEPT_SCHEMES = {
    AUTHORITY["data-theme"]: "Data theme", AUTHORITY["file-type"]: "File type",
    AUTHORITY.language: "Language", AUTHORITY.country: "Country",
    AUTHORITY.frequency: "Frequency", AUTHORITY["planned-availability"]: "Planned availability",
    URIRef(LICENCE_TYPE["1.0"]): "Licence type",
}
LICENCE_TYPES = {LICENCE.CC_BY_4_0: LICENCE_TYPE.Attribution}

# What the bundled dataset is about.
TITLE = {"en": "International cooperation of Kubrat Municipality",
         "bg": "Международно сътрудничество на Община Кубрат"}
DESCRIPTION = {
    "en": "The international cooperation of Kubrat Municipality, Bulgaria: its partner and "
          "twin towns and the agreements with them, joint projects, the programmes and funders "
          "behind them, and the visits and meetings they led to. Built from public sources; "
          "every statement is kept with the source that states it.",
    "bg": "Международното сътрудничество на Община Кубрат, България: градовете партньори и "
          "побратимените градове и споразуменията с тях, съвместните проекти, програмите и "
          "финансиращите организации зад тях, както и посещенията и срещите, до които са "
          "довели. Съставено от публични източници; всяко твърдение е записано заедно с "
          "източника, който го съдържа.",
}
KEYWORDS = {"en": ("international cooperation", "twin towns", "partner towns", "municipalities",
                   "EU programmes", "Kubrat"),
            "bg": ("международно сътрудничество", "побратимени градове", "градове партньори",
                   "общини", "европейски програми", "Кубрат")}
THEMES = (DATA_THEME.GOVE, DATA_THEME.REGI, DATA_THEME.EDUC)
LANGUAGES = (LANGUAGE.BUL, LANGUAGE.ENG)
COUNTRIES = {COUNTRY.BGR: ("Bulgaria", "България"), COUNTRY.SWE: ("Sweden", "Швеция"),
             COUNTRY.EST: ("Estonia", "Естония"), COUNTRY.ROU: ("Romania", "Румъния"),
             COUNTRY.LTU: ("Lithuania", "Литва"), COUNTRY.TUR: ("Türkiye", "Турция"),
             COUNTRY.UKR: ("Ukraine", "Украйна"), COUNTRY.RUS: ("Russia", "Русия")}
# The home town, below the base IRI; its centroid is the position in data/reference-facts.ttl.
HOME_PLACE = "place/kubrat"
HOME_PLACE_LABELS = {"en": "Kubrat", "bg": "Кубрат"}
HOME_PLACE_CENTROID = "POINT(26.5 43.8)"
CATALOG_TITLE = {"en": "Linked data on the international cooperation of municipalities",
                 "bg": "Свързани данни за международното сътрудничество на общините"}
CATALOG_DESCRIPTION = {
    "en": "The datasets of this coopgraph site: downloads in six RDF formats and a SPARQL "
          "endpoint.",
    "bg": "Наборите от данни на този сайт на coopgraph: файлове за изтегляне в шест RDF "
          "формата и SPARQL точка за достъп.",
}
SERVICE_TITLE = {"en": "SPARQL endpoint", "bg": "SPARQL точка за достъп"}
SERVICE_DESCRIPTION = {
    "en": "SPARQL 1.1 queries over the dataset. The default graph is the union of the sources; "
          "each source's statements are also in a named graph of their own.",
    "bg": "SPARQL 1.1 заявки към набора от данни. Графът по подразбиране е обединението на "
          "източниците; твърденията на всеки източник са и в отделен именуван граф.",
}
PROVENANCE = {
    "en": "Every statement is kept in the named graph of the public source that states it "
          "({base}graph/{{source}}). The graph {base}graph/sources describes the sources and "
          "links each graph to its source with prov:wasDerivedFrom. Where sources disagree, "
          "each value stays in its own source's graph.",
    "bg": "Всяко твърдение е в именувания граф на публичния източник, който го съдържа "
          "({base}graph/{{източник}}). Графът {base}graph/sources описва източниците и свързва "
          "всеки граф с източника му чрез prov:wasDerivedFrom. Когато източниците се "
          "разминават, всяка стойност остава в графа на своя източник.",
}


@dataclass(frozen=True)
class Publication:
    """Who publishes the catalog, how to contact them, and the licence of the data."""

    publisher_name: str
    publisher_url: str | None  # None: the site itself (public_url)
    contact_url: str | None  # None: the site itself (public_url)
    contact_email: str | None  # never invented: only a configured address is shown
    licence: str


def publication_of(settings: Settings) -> Publication:
    """The publication details of a project, from its settings."""
    return Publication(settings.publisher_name, settings.publisher_url, settings.contact_url,
                       settings.contact_email, settings.licence)


def _texts(graph: Graph, subject: URIRef, predicate: URIRef, texts: dict[str, str]) -> None:
    for language, text in texts.items():
        graph.add((subject, predicate, Literal(text, lang=language)))


def _concept(graph: Graph, concept: URIRef, scheme: URIRef, *types: URIRef) -> URIRef:
    """Type ``concept``, label it and put it in its scheme (a typed, titled concept scheme)."""
    for type_iri in types or (SKOS.Concept,):
        graph.add((concept, RDF.type, type_iri))
    graph.add((concept, SKOS.prefLabel, Literal(CONCEPT_LABELS[concept], lang="en")))
    graph.add((concept, SKOS.inScheme, scheme))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, DCTERMS.title, Literal(CONCEPT_SCHEMES[scheme], lang="en")))
    return concept


def _document(graph: Graph, url: str) -> URIRef:
    page = URIRef(url)
    graph.add((page, RDF.type, FOAF.Document))
    return page


def _dated(graph: Graph, subject: URIRef, manifest: dict) -> None:
    created = Literal(datetime.fromisoformat(manifest["created"]))
    graph.add((subject, DCTERMS.issued, created))
    graph.add((subject, DCTERMS.modified, created))


def _licence(graph: Graph, publication: Publication) -> URIRef:
    licence = URIRef(publication.licence)
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    if licence in LICENCE_TYPES:
        graph.add((licence, DCTERMS.type,
                   _concept(graph, LICENCE_TYPES[licence], URIRef(LICENCE_TYPE["1.0"]))))
    return licence


def _agents(graph: Graph, publication: Publication, public_url: str) -> tuple[URIRef, URIRef]:
    """The publisher (a foaf:Agent) and the contact point (a vcard:Kind with a URL)."""
    publisher = URIRef(f"{public_url}catalog#publisher")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(publication.publisher_name)))
    graph.add((publisher, FOAF.homepage,
               _document(graph, publication.publisher_url or public_url)))
    contact = URIRef(f"{public_url}catalog#contact-point")
    graph.add((contact, RDF.type, VCARD.Kind))
    graph.add((contact, VCARD.fn, Literal(publication.publisher_name)))
    graph.add((contact, VCARD.hasURL, URIRef(publication.contact_url or public_url)))
    if publication.contact_email:
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{publication.contact_email}")))
    return publisher, contact


def _places(graph: Graph, base_iri: str) -> list[URIRef]:
    """The countries of the partners (EU country authority) and the home town."""
    places = []
    for country, (english, bulgarian) in COUNTRIES.items():
        graph.add((country, RDF.type, DCTERMS.Location))
        graph.add((country, SKOS.prefLabel, Literal(english, lang="en")))
        graph.add((country, SKOS.prefLabel, Literal(bulgarian, lang="bg")))
        graph.add((country, SKOS.inScheme, AUTHORITY.country))
        places.append(country)
    home = URIRef(base_iri + HOME_PLACE)
    graph.add((home, RDF.type, DCTERMS.Location))
    _texts(graph, home, SKOS.prefLabel, HOME_PLACE_LABELS)
    graph.add((home, DCAT.centroid, Literal(HOME_PLACE_CENTROID, datatype=GEO.wktLiteral)))
    return [*places, home]


def _described(graph: Graph, subject: URIRef, publisher: URIRef, contact: URIRef) -> None:
    """Publisher, contact point, themes and keywords: shared by the dataset and the service."""
    graph.add((subject, DCTERMS.publisher, publisher))
    graph.add((subject, DCAT.contactPoint, contact))
    for theme in THEMES:
        graph.add((subject, DCAT.theme, _concept(graph, theme, AUTHORITY["data-theme"])))
    for language, words in KEYWORDS.items():
        for word in words:
            graph.add((subject, DCAT.keyword, Literal(word, lang=language)))


def _checksum(graph: Graph, sha256: str) -> BNode:
    checksum = BNode()
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))
    graph.add((checksum, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary)))
    return checksum


def _media_type(graph: Graph, media_type: str) -> URIRef:
    iri = IANA_MEDIA_TYPES[media_type]
    graph.add((iri, RDF.type, DCTERMS.MediaType))
    return iri


def _distribution(graph: Graph, entry: dict, public_url: str, licence: URIRef,
                  manifest: dict) -> URIRef:
    """One dump file as a dcat:Distribution with size, checksum and formats."""
    fmt = FORMATS_BY_KEY[entry["format"]]
    distribution = URIRef(f"{public_url}catalog#distribution-{entry['name']}")
    url = URIRef(f"{public_url}download/{entry['name']}")
    graph.add((distribution, RDF.type, DCAT.Distribution))
    packed = " (gzip)" if entry.get("compression") else ""
    graph.add((distribution, DCTERMS.title,
               Literal(f"{CONCEPT_LABELS[FILE_TYPES[fmt.key]]} dump{packed}", lang="en")))
    graph.add((distribution, DCTERMS.description, Literal(
        "The whole dataset with one named graph per source." if fmt.key in DATASET_FORMATS
        else "The whole dataset: the union of all source graphs.", lang="en")))
    graph.add((distribution, DCAT.downloadURL, url))
    graph.add((distribution, DCAT.accessURL, url))
    graph.add((distribution, DCAT.mediaType, _media_type(graph, fmt.media_type)))
    graph.add((distribution, DCTERMS.format, _concept(graph, FILE_TYPES[fmt.key],
                                                      AUTHORITY["file-type"],
                                                      DCTERMS.MediaTypeOrExtent)))
    if entry.get("compression"):
        graph.add((distribution, DCAT.compressFormat, _media_type(graph, entry["compression"])))
    graph.add((distribution, DCAT.byteSize,
               Literal(entry["size"], datatype=XSD.nonNegativeInteger)))
    graph.add((distribution, SPDX.checksum, _checksum(graph, entry["sha256"])))
    graph.add((distribution, DCTERMS.license, licence))
    graph.add((distribution, DCATAP.availability, _concept(
        graph, PLANNED_AVAILABILITY.AVAILABLE, AUTHORITY["planned-availability"])))
    _dated(graph, distribution, manifest)
    return distribution


def _service(graph: Graph, public_url: str, dataset: URIRef, licence: URIRef
             ) -> tuple[URIRef, URIRef]:
    """The SPARQL endpoint as a dcat:DataService and the distribution that points at it."""
    endpoint = URIRef(f"{public_url}sparql")
    service = URIRef(f"{public_url}sparql#service")
    graph.add((service, RDF.type, DCAT.DataService))
    _texts(graph, service, DCTERMS.title, SERVICE_TITLE)
    _texts(graph, service, DCTERMS.description, SERVICE_DESCRIPTION)
    graph.add((service, DCAT.endpointURL, endpoint))
    graph.add((service, DCAT.endpointDescription, endpoint))
    graph.add((service, DCAT.servesDataset, dataset))
    graph.add((service, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    graph.add((SPARQL_PROTOCOL, RDF.type, DCTERMS.Standard))
    graph.add((service, DCTERMS.license, licence))
    distribution = URIRef(f"{public_url}catalog#distribution-sparql")
    graph.add((distribution, RDF.type, DCAT.Distribution))
    _texts(graph, distribution, DCTERMS.title, SERVICE_TITLE)
    _texts(graph, distribution, DCTERMS.description, SERVICE_DESCRIPTION)
    graph.add((distribution, DCAT.accessURL, endpoint))
    graph.add((distribution, DCAT.accessService, service))
    graph.add((distribution, DCTERMS.format, _concept(graph, FILE_TYPE.SPARQLQ,
                                                      AUTHORITY["file-type"],
                                                      DCTERMS.MediaTypeOrExtent)))
    graph.add((distribution, DCTERMS.license, licence))
    graph.add((distribution, DCATAP.availability, _concept(
        graph, PLANNED_AVAILABILITY.AVAILABLE, AUTHORITY["planned-availability"])))
    return service, distribution


def _period(graph: Graph, statistics: dict) -> BNode | None:
    first, last = statistics.get("first_year"), statistics.get("last_year")
    if first is None and last is None:
        return None
    period = BNode()
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    if first is not None:
        graph.add((period, DCAT.startDate, Literal(first, datatype=XSD.gYear)))
    if last is not None:
        graph.add((period, DCAT.endDate, Literal(last, datatype=XSD.gYear)))
    return period


def _provenance(graph: Graph, base_iri: str) -> BNode:
    statement = BNode()
    graph.add((statement, RDF.type, DCTERMS.ProvenanceStatement))
    _texts(graph, statement, RDFS.label,
           {language: text.format(base=base_iri) for language, text in PROVENANCE.items()})
    return statement


def _dataset(graph: Graph, manifest: dict, public_url: str, places: list[URIRef]) -> URIRef:
    """The dataset's own description: what, where, when, which version, which provenance."""
    base_iri = manifest["base_iri"]
    dataset = URIRef(base_iri)
    graph.add((dataset, RDF.type, DCAT.Dataset))
    _texts(graph, dataset, DCTERMS.title, TITLE)
    _texts(graph, dataset, DCTERMS.description, DESCRIPTION)
    graph.add((dataset, DCTERMS.identifier, Literal(base_iri)))
    graph.add((dataset, DCAT.landingPage, _document(graph, public_url)))
    graph.add((dataset, DCTERMS.conformsTo, ONTOLOGY_IRI))
    graph.add((ONTOLOGY_IRI, RDF.type, DCTERMS.Standard))
    graph.add((dataset, DCAT.version, Literal(manifest["version"])))
    graph.add((dataset, ADMS.versionNotes, Literal(
        f"Release {manifest['version']}, built by {manifest['generator']} "
        f"on {manifest['created']}.", lang="en")))
    graph.add((dataset, DCTERMS.accrualPeriodicity, _concept(
        graph, FREQUENCY.IRREG, AUTHORITY.frequency, DCTERMS.Frequency)))
    for language in LANGUAGES:
        graph.add((dataset, DCTERMS.language,
                   _concept(graph, language, AUTHORITY.language, DCTERMS.LinguisticSystem)))
    for place in places:
        graph.add((dataset, DCTERMS.spatial, place))
    period = _period(graph, manifest.get("statistics", {}))
    if period is not None:
        graph.add((dataset, DCTERMS.temporal, period))
    graph.add((dataset, DCTERMS.provenance, _provenance(graph, base_iri)))
    _dated(graph, dataset, manifest)
    return dataset


def build_catalog(manifest: dict, settings: Settings, public_url: str) -> Graph:
    """The DCAT-AP 3 catalog of the release ``manifest`` served at ``public_url``."""
    public_url = public_url if public_url.endswith("/") else public_url + "/"
    publication = publication_of(settings)
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("dcatap", DCATAP),
                              ("adms", ADMS), ("spdx", SPDX), ("vcard", VCARD), ("foaf", FOAF),
                              ("skos", SKOS), ("geosparql", GEO), ("rdfs", RDFS), ("xsd", XSD),
                              ("rdf", RDF)):
        graph.bind(prefix, namespace)
    licence = _licence(graph, publication)
    publisher, contact = _agents(graph, publication, public_url)
    places = _places(graph, manifest["base_iri"])
    dataset = _dataset(graph, manifest, public_url, places)
    _described(graph, dataset, publisher, contact)
    for entry in manifest.get("files", []):
        graph.add((dataset, DCAT.distribution,
                   _distribution(graph, entry, public_url, licence, manifest)))
    service, sparql_distribution = _service(graph, public_url, dataset, licence)
    _described(graph, service, publisher, contact)
    graph.add((dataset, DCAT.distribution, sparql_distribution))

    catalog = URIRef(f"{public_url}catalog#catalog")
    graph.add((catalog, RDF.type, DCAT.Catalog))
    _texts(graph, catalog, DCTERMS.title, CATALOG_TITLE)
    _texts(graph, catalog, DCTERMS.description, CATALOG_DESCRIPTION)
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, FOAF.homepage, _document(graph, public_url)))
    graph.add((catalog, DCTERMS.license, licence))
    graph.add((catalog, DCAT.themeTaxonomy, AUTHORITY["data-theme"]))
    for language in LANGUAGES:
        graph.add((catalog, DCTERMS.language, language))
    for place in places:
        graph.add((catalog, DCTERMS.spatial, place))
    graph.add((catalog, DCAT.dataset, dataset))
    graph.add((catalog, DCAT.service, service))
    _dated(graph, catalog, manifest)
    return graph
