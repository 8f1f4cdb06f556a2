"""The DCAT-AP 3 catalog: validated against the official DCAT-AP 3.0.1 SHACL shapes, and the
properties harvesting portals rely on."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SH, XSD

from coopgraph.catalog import build_catalog
from coopgraph.formats import FORMATS_BY_KEY
from coopgraph.settings import Settings
from coopgraph.vocab import DCAT, SPDX, VCARD
from tests.unit.conftest import BASE_IRI, DUMPS, make_manifest

SHAPES_DIR = (Path(__file__).resolve().parents[2].parent
              / "shared" / "conformance" / "dcat-ap" / "html" / "shacl")
PUBLIC_URL = "https://data.example.org/coop/"
COUNTRY_AUTHORITY = "http://publications.europa.eu/resource/authority/country/"


@pytest.fixture
def manifest() -> dict:
    return make_manifest()


@pytest.fixture
def catalog(manifest: dict, tmp_path: Path) -> Graph:
    return build_catalog(manifest, Settings(root=tmp_path), PUBLIC_URL)


def background() -> Graph:
    """The subclass axioms the shapes' class targets need (see the shapes' README)."""
    graph = Graph()
    graph.add((FOAF.Organization, RDFS.subClassOf, FOAF.Agent))
    graph.add((VCARD.Organization, RDFS.subClassOf, VCARD.Kind))
    return graph


def shacl_results(data: Graph, *shape_files: str) -> list[tuple[str, str, URIRef, object]]:
    """The top-level results of validating ``data`` against the official ``shape_files``:
    (severity local name, path, focus node, value)."""
    if not SHAPES_DIR.is_dir():
        pytest.skip(f"the DCAT-AP 3.0.1 shapes are not beside the repository ({SHAPES_DIR})")
    shapes = Graph()
    for name in shape_files:
        shapes.parse(SHAPES_DIR / name)
    _, report, _ = validate(data, shacl_graph=shapes, inference="none",
                            ont_graph=background())
    return [(str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
             report.value(result, SH.resultPath), report.value(result, SH.focusNode),
             report.value(result, SH.value))
            for result in report.objects(None, SH.result)]


def dump_distributions(catalog: Graph) -> dict[str, URIRef]:
    """The distributions that have a download URL, by file name."""
    return {str(url).rsplit("/", 1)[-1]: distribution
            for distribution, url in catalog.subject_objects(DCAT.downloadURL)}


def test_catalog_conforms_to_dcat_ap_shapes_and_class_ranges(catalog: Graph) -> None:
    assert shacl_results(catalog, "shapes.ttl", "range.ttl") == []


def test_recommended_shapes_only_miss_geometry_and_publisher_type(catalog: Graph) -> None:
    """What is left needs facts we do not have: bounding boxes and centroids of the countries
    (and a bounding box of Kubrat), and the kind of organisation that runs the site."""
    results = shacl_results(catalog, "shapes_recommended.ttl")
    places = set(catalog.objects(None, DCTERMS.spatial))
    publisher = catalog.value(URIRef(PUBLIC_URL + "catalog#catalog"), DCTERMS.publisher)
    unexpected = [result for result in results
                  if not (result[1] in (DCAT.bbox, DCAT.centroid) and result[2] in places)
                  and not (result[1] == DCTERMS.type and result[2] == publisher)]
    assert unexpected == []
    assert {severity for severity, *_ in results} <= {"Warning"}
    assert len(results) == 18


def test_controlled_vocabulary_shapes_fail_only_on_known_offline_limits(catalog: Graph) -> None:
    """The shapes want an https SPDX algorithm IRI (SPDX itself uses http), a publisher from
    the EU corporate-body table, and places from EU tables or GeoNames."""
    results = shacl_results(catalog, "mdr-vocabularies.shape.ttl")
    violations = {(path, value) for severity, path, _, value in results
                  if severity == "Violation"}
    warnings = {path for severity, path, _, _ in results if severity == "Warning"}
    assert violations == {(SPDX.algorithm, SPDX.checksumAlgorithm_sha256)}
    assert warnings == {DCTERMS.publisher, DCTERMS.spatial}


def test_catalog_lists_the_dataset_and_the_sparql_service(catalog: Graph) -> None:
    catalog_iri = URIRef(PUBLIC_URL + "catalog#catalog")
    assert (catalog_iri, RDF.type, DCAT.Catalog) in catalog
    assert catalog.value(catalog_iri, DCAT.dataset) == URIRef(BASE_IRI)
    assert catalog.value(catalog_iri, DCAT.service) == URIRef(PUBLIC_URL + "sparql#service")


def test_every_dump_is_a_distribution_with_url_media_type_size_and_checksum(
        catalog: Graph, manifest: dict) -> None:
    distributions = dump_distributions(catalog)
    assert sorted(distributions) == sorted(entry["name"] for entry in manifest["files"])
    for entry in manifest["files"]:
        distribution = distributions[entry["name"]]
        url = URIRef(PUBLIC_URL + "download/" + entry["name"])
        assert catalog.value(distribution, DCAT.downloadURL) == url
        assert catalog.value(distribution, DCAT.accessURL) == url
        assert catalog.value(distribution, DCAT.mediaType) == URIRef(
            "http://www.iana.org/assignments/media-types/" + entry["media_type"])
        assert catalog.value(distribution, DCAT.byteSize) == Literal(
            entry["size"], datatype=XSD.nonNegativeInteger)
        checksum = catalog.value(distribution, SPDX.checksum)
        assert catalog.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        value = catalog.value(checksum, SPDX.checksumValue)
        assert value.datatype == XSD.hexBinary
        assert str(value) == entry["sha256"]


def test_every_distribution_names_the_eu_file_type_and_the_licence(catalog: Graph) -> None:
    distributions = list(catalog.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == len(DUMPS) + 1  # the dumps and the SPARQL endpoint
    licence = URIRef("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")
    for distribution in distributions:
        assert catalog.value(distribution, DCTERMS.license) == licence
        assert str(catalog.value(distribution, DCTERMS.format)).startswith(
            "http://publications.europa.eu/resource/authority/file-type/")
    assert (licence, RDF.type, DCTERMS.LicenseDocument) in catalog


def test_only_the_gzipped_dump_has_a_compress_format(catalog: Graph) -> None:
    compressed = {name for name, distribution in dump_distributions(catalog).items()
                  if catalog.value(distribution, DCAT.compressFormat) is not None}
    assert compressed == {"kubrat.nt.gz"}
    distribution = dump_distributions(catalog)["kubrat.nt.gz"]
    assert catalog.value(distribution, DCAT.compressFormat) == URIRef(
        "http://www.iana.org/assignments/media-types/application/gzip")


def test_sparql_endpoint_is_a_data_service_reached_through_a_distribution(
        catalog: Graph) -> None:
    service = URIRef(PUBLIC_URL + "sparql#service")
    endpoint = URIRef(PUBLIC_URL + "sparql")
    assert (service, RDF.type, DCAT.DataService) in catalog
    assert catalog.value(service, DCAT.endpointURL) == endpoint
    assert catalog.value(service, DCAT.endpointDescription) == endpoint
    assert catalog.value(service, DCAT.servesDataset) == URIRef(BASE_IRI)
    assert catalog.value(service, DCTERMS.conformsTo) == URIRef(
        "https://www.w3.org/TR/sparql11-protocol/")
    distribution = catalog.value(None, DCAT.accessService, service)
    assert (URIRef(BASE_IRI), DCAT.distribution, distribution) in catalog
    assert catalog.value(distribution, DCAT.accessURL) == endpoint


def test_dataset_carries_version_period_and_titles_in_english_and_bulgarian(
        catalog: Graph, manifest: dict) -> None:
    dataset = URIRef(BASE_IRI)
    assert catalog.value(dataset, DCAT.version) == Literal(manifest["version"])
    assert {title.language for title in catalog.objects(dataset, DCTERMS.title)} == {"en", "bg"}
    period = catalog.value(dataset, DCTERMS.temporal)
    assert catalog.value(period, DCAT.startDate) == Literal("2000", datatype=XSD.gYear)
    assert catalog.value(period, DCAT.endDate) == Literal("2019", datatype=XSD.gYear)
    assert URIRef(COUNTRY_AUTHORITY + "SWE") in set(catalog.objects(dataset, DCTERMS.spatial))
    assert catalog.value(dataset, DCAT.landingPage) == URIRef(PUBLIC_URL)


def test_dataset_without_dated_facts_has_no_temporal_coverage(tmp_path: Path) -> None:
    graph = build_catalog(make_manifest(first_year=None, last_year=None),
                          Settings(root=tmp_path), PUBLIC_URL)
    assert graph.value(URIRef(BASE_IRI), DCTERMS.temporal) is None
    assert shacl_results(graph, "shapes.ttl", "range.ttl") == []


def test_public_url_without_trailing_slash_gives_the_same_catalog(
        catalog: Graph, manifest: dict, tmp_path: Path) -> None:
    graph = build_catalog(manifest, Settings(root=tmp_path), PUBLIC_URL.rstrip("/"))
    assert len(graph) == len(catalog)
    assert set(graph.subjects(RDF.type, DCAT.Distribution)) == set(
        catalog.subjects(RDF.type, DCAT.Distribution))


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "rdfxml", "ntriples"])
def test_catalog_round_trips_through_every_graph_format(catalog: Graph, fmt: str) -> None:
    """Serialized by rdflib as the web layer does, parsed back by Oxigraph."""
    body = catalog.serialize(format=FORMATS_BY_KEY[fmt].rdflib, encoding="utf-8")
    parsed = pyoxigraph.parse(body, format=FORMATS_BY_KEY[fmt].oxigraph)
    assert sum(1 for _ in parsed) == len(catalog)


def test_contact_point_is_a_url_and_no_email_is_invented(catalog: Graph) -> None:
    contact = catalog.value(URIRef(BASE_IRI), DCAT.contactPoint)
    assert catalog.value(contact, VCARD.hasURL) == URIRef(PUBLIC_URL)
    assert catalog.value(contact, VCARD.hasEmail) is None
