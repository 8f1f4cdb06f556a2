"""Send a manifest request exactly as written (http.client: no Accept header, no re-encoding of
the target) and judge the response against the manifest's expectations."""

from __future__ import annotations

import http.client
import io
from dataclasses import dataclass
from urllib.parse import urlsplit

from rdflib import Graph
from rdflib.query import Result

from tests.conformance.manifest import HttpRequest

TIMEOUT = 15.0

# SPARQL results formats: ASK may come as XML or JSON; SELECT also as CSV or TSV.
BOOLEAN_FORMATS = {"application/sparql-results+xml": "xml",
                   "application/sparql-results+json": "json"}
TABULAR_FORMATS = {**BOOLEAN_FORMATS, "text/csv": "csv", "text/tab-separated-values": "tsv"}
# RDF formats rdflib can parse (RDFa, which the manifest also names, it cannot).
RDF_FORMATS = {"application/rdf+xml": "xml", "text/turtle": "turtle",
               "application/n-triples": "nt", "application/ld+json": "json-ld",
               "text/n3": "n3"}


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def media_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    def summary(self) -> str:
        text = self.body[:300].decode("utf-8", "replace")
        return (f"{self.status} Content-Type: {self.headers.get('Content-Type')!r} "
                f"body: {text!r}")


def send(endpoint_url: str, request: HttpRequest) -> HttpResponse:
    """Send ``request`` to the endpoint (``http://host:port/sparql``): the manifest's method,
    target (its /sparql/ prefix replaced), headers and body bytes, nothing else but Host and
    Content-Length."""
    parts = urlsplit(endpoint_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        connection.putrequest(request.method, request.path_on(parts.path),
                              skip_accept_encoding=True)
        for name, value in request.headers:
            connection.putheader(name, value)
        if request.body is not None or request.method in ("POST", "PUT"):
            connection.putheader("Content-Length", str(len(request.body or b"")))
        connection.endheaders(request.body)
        response = connection.getresponse()
        return HttpResponse(response.status, response.headers, response.read())
    finally:
        connection.close()


def get(url: str, headers: dict[str, str] | None = None) -> HttpResponse:
    """A plain GET (service description), with only the given headers."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        connection.putrequest("GET", parts.path + (f"?{parts.query}" if parts.query else ""),
                              skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return HttpResponse(response.status, response.headers, response.read())
    finally:
        connection.close()


def problems(request: HttpRequest, response: HttpResponse) -> list[str]:
    """What is wrong with ``response`` for ``request`` (empty: it is as expected)."""
    expected = "/".join(f"{digit}xx" for digit in sorted(request.expected_status_classes))
    if response.status // 100 not in request.expected_status_classes:
        return [f"expected status {expected}, got {response.summary()}"]
    if response.status // 100 != 2 or request.expected_format is None:
        return []
    check = {"boolean": _boolean_problems, "tabular": _tabular_problems,
             "RDF": _rdf_problems}[request.expected_format]
    return check(request, response)


def _parse_results(response: HttpResponse, fmt: str) -> Result:
    return Result.parse(io.BytesIO(response.body), format=fmt)


def _boolean_problems(request: HttpRequest, response: HttpResponse) -> list[str]:
    fmt = BOOLEAN_FORMATS.get(response.media_type)
    if fmt is None:
        return [f"expected an ASK result as SPARQL results XML or JSON, got {response.summary()}"]
    try:
        result = _parse_results(response, fmt)
    except Exception as error:  # any parser failure is the finding
        return [f"the {fmt} ASK result does not parse ({error}): {response.summary()}"]
    if result.type != "ASK":
        return [f"expected an ASK (boolean) result, got a {result.type} result"]
    if request.expected_boolean is not None and result.askAnswer != request.expected_boolean:
        return [f"expected boolean {str(request.expected_boolean).lower()}, got "
                f"{str(result.askAnswer).lower()}: {response.summary()}"]
    return []


def _tabular_problems(request: HttpRequest, response: HttpResponse) -> list[str]:
    fmt = TABULAR_FORMATS.get(response.media_type)
    if fmt is None:
        return ["expected SELECT results as SPARQL results XML, JSON, CSV or TSV, got "
                + response.summary()]
    try:
        result = _parse_results(response, fmt)
    except Exception as error:  # any parser failure is the finding
        return [f"the {fmt} SELECT result does not parse ({error}): {response.summary()}"]
    if result.type != "SELECT":
        return [f"expected a SELECT (tabular) result, got a {result.type} result"]
    return []


def _rdf_problems(request: HttpRequest, response: HttpResponse) -> list[str]:
    fmt = RDF_FORMATS.get(response.media_type)
    if fmt is None:
        return [f"expected RDF (RDF/XML, Turtle, N-Triples, ...), got {response.summary()}"]
    try:
        Graph().parse(data=response.body, format=fmt)
    except Exception as error:  # any parser failure is the finding
        return [f"the {fmt} RDF does not parse ({error}): {response.summary()}"]
    return []
