"""Read the W3C SPARQL 1.1 Protocol and Service Description manifests (rdflib) into plain
values: each test with its HTTP requests and expected responses, and the graph data the
dataset tests need. Nothing is copied by hand from the manifests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

SUITE = Path("/work/shared/conformance/sparql11")
PROTOCOL_MANIFEST = SUITE / "protocol" / "manifest.ttl"
SERVICE_DESCRIPTION_MANIFEST = SUITE / "service-description" / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

MANIFEST_PATH_PREFIX = "/sparql/"  # every ht:absolutePath starts with it (manifest comment)
SPARQL_UPDATE = "application/sparql-update"
FORM = "application/x-www-form-urlencoded"
UPDATE_PARAMETERS = ("update", "using-graph-uri", "using-named-graph-uri")


@dataclass(frozen=True)
class HttpRequest:
    """One ``ht:Request`` of a test and the ``ht:Response`` expected for it."""

    method: str
    absolute_path: str  # as in the manifest, starting with /sparql/
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    body_encoding: str | None
    expected_status_classes: frozenset[int]  # 2, 3, 4 for hts:StatusCode2xx ...
    expected_format: str | None  # "boolean", "tabular", "RDF"
    expected_boolean: bool | None

    def path_on(self, endpoint_path: str) -> str:
        """The request target on an endpoint at ``endpoint_path`` (``/sparql``)."""
        assert self.absolute_path.startswith(MANIFEST_PATH_PREFIX), self.absolute_path
        rest = self.absolute_path[len(MANIFEST_PATH_PREFIX):]
        if rest and not rest.startswith("?"):
            rest = "/" + rest
        return endpoint_path + rest

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)

    @property
    def is_update(self) -> bool:
        """Whether the request carries a SPARQL Update operation (by media type, form field or
        update-only URL parameter)."""
        media_type = (self.header("content-type") or "").split(";")[0].strip().lower()
        url_parameters = parse_qs(urlsplit(self.absolute_path).query, keep_blank_values=True)
        if media_type == SPARQL_UPDATE or any(name in url_parameters for name in UPDATE_PARAMETERS):
            return True
        if media_type == FORM and self.body is not None:
            form = parse_qs(self.body.decode(self.body_encoding or "utf-8"),
                            keep_blank_values=True)
            return "update" in form
        return False

    @property
    def expects_success(self) -> bool:
        return bool(self.expected_status_classes & {2, 3})

    def describe(self) -> str:
        """The request as one would type it: method, target, headers, body."""
        lines = [f"{self.method} {self.absolute_path}"]
        lines += [f"{name}: {value}" for name, value in self.headers]
        if self.body is not None:
            lines.append(f"(body, {self.body_encoding}) {self.body!r}")
        return "\n".join(lines)


@dataclass(frozen=True)
class ProtocolTest:
    iri: URIRef
    name: str  # the local name (query_get), used as the pytest id
    label: str  # mf:name
    requests: tuple[HttpRequest, ...]
    graph_data: tuple[tuple[str, Path], ...]  # (graph IRI, local N-Triples file)

    @property
    def is_positive_update(self) -> bool:
        """A test that needs the endpoint to perform an update (not only to refuse one)."""
        return any(request.is_update and request.expects_success for request in self.requests)


@dataclass(frozen=True)
class ServiceDescriptionTest:
    iri: URIRef
    name: str
    label: str


def _local_name(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _entries(graph: Graph) -> list[URIRef]:
    manifest = graph.value(predicate=RDF.type, object=MF.Manifest, any=False)
    return list(Collection(graph, graph.value(manifest, MF.entries)))


def _status_class(status: Node) -> int:
    text = str(status)
    assert text.startswith(str(HTS.StatusCode)) and text.endswith("xx"), text
    return int(text[len(str(HTS.StatusCode))])


def _body(graph: Graph, request: Node) -> tuple[bytes | None, str | None]:
    content = graph.value(request, HT.body)
    if content is None:
        return None, None
    encoding = str(graph.value(content, CNT.characterEncoding) or "UTF-8")
    # Python's "UTF-16" codec writes a byte order mark, as a UTF-16 text body has.
    return str(graph.value(content, CNT.chars)).encode(encoding), encoding


def _request(graph: Graph, request: Node) -> HttpRequest:
    headers_list = graph.value(request, HT.headers)
    headers = tuple((str(graph.value(header, HT.fieldName)),
                     str(graph.value(header, HT.fieldValue)))
                    for header in (Collection(graph, headers_list) if headers_list else []))
    response = graph.value(request, HT.resp)
    expected_boolean = graph.value(response, MF.expectedBoolean)
    expected_format = graph.value(response, MF.expectedFormat)
    body, encoding = _body(graph, request)
    return HttpRequest(
        method=str(graph.value(request, HT.methodName)),
        absolute_path=str(graph.value(request, HT.absolutePath)),
        headers=headers, body=body, body_encoding=encoding,
        expected_status_classes=frozenset(_status_class(status) for status in
                                          graph.objects(response, MF.expectedStatus)),
        expected_format=str(expected_format) if expected_format is not None else None,
        expected_boolean=expected_boolean.toPython()
        if isinstance(expected_boolean, Literal) else None)


def _local_file(iri: Node) -> Path:
    """``ut:graph <data1.nt>`` resolved against the manifest file: a file: IRI."""
    parts = urlsplit(str(iri))
    assert parts.scheme == "file", iri
    return Path(unquote(parts.path))


def protocol_tests(path: Path = PROTOCOL_MANIFEST) -> list[ProtocolTest]:
    """The protocol tests in manifest order."""
    graph = Graph().parse(path, format="turtle")
    tests = []
    for test in _entries(graph):
        action = graph.value(test, MF.action)
        requests = Collection(graph, graph.value(action, HT.requests))
        graph_data = tuple(sorted((str(graph.value(data, RDFS.label)),
                                   _local_file(graph.value(data, UT.graph)))
                                  for data in graph.objects(test, UT.graphData)))
        tests.append(ProtocolTest(test, _local_name(test), str(graph.value(test, MF.name)),
                                  tuple(_request(graph, request) for request in requests),
                                  graph_data))
    return tests


def service_description_tests(path: Path = SERVICE_DESCRIPTION_MANIFEST
                              ) -> list[ServiceDescriptionTest]:
    graph = Graph().parse(path, format="turtle")
    return [ServiceDescriptionTest(test, _local_name(test), str(graph.value(test, MF.name)))
            for test in _entries(graph)]


def graph_data(tests: list[ProtocolTest]) -> dict[str, Path]:
    """Every named graph any test needs, by graph IRI; one file per graph."""
    graphs: dict[str, Path] = {}
    for test in tests:
        for iri, file in test.graph_data:
            assert graphs.setdefault(iri, file) == file, f"{iri} is given two different files"
    return graphs
