"""The SPARQL 1.1 Protocol endpoint at /sparql: request -> protocol -> query -> negotiation ->
serialization. Read-only: updates are refused. Browsers that prefer HTML get the query
workbench (web/workbench.py) instead."""

from __future__ import annotations

from flask import Blueprint, Response, request
from werkzeug.exceptions import HTTPException

from coopgraph.canned import CannedQuery
from coopgraph.errors import ProtocolError
from coopgraph.formats import FormatKind, formats_of
from coopgraph.protocol import QueryRequest, parse_query_request
from coopgraph.query_pool import QueryAnswer
from coopgraph.query_process import job_for_request
from coopgraph.service_description import build_service_description
from coopgraph.web import caching, workbench
from coopgraph.web.headers import preflight
from coopgraph.web.rdf import graph_response
from coopgraph.web.site import current_site, reader_language

bp = Blueprint("sparql", __name__)

METHODS = ["GET", "HEAD", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"]


def _content_type(media_type: str) -> str:
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


@bp.route("/sparql", methods=METHODS)
def endpoint() -> Response:
    if request.method == "OPTIONS":
        return preflight()
    page = request.method in ("GET", "HEAD") and workbench.prefers_page(
        request.headers.get("Accept"), request.args.get("format"))
    try:
        query_request = parse_query_request(request.method, request.headers.get("Content-Type"),
                                            request.query_string, _body())
    except ProtocolError as error:
        if not page:
            raise
        return workbench.protocol_error_page(
            error, request.args.get("query") or request.args.get("update") or "")
    if query_request is None:
        return workbench.editor_page() if page else service_description()
    return answer(query_request)


def _body() -> bytes:
    """The request body; one that cannot be read (broken chunked framing, a client that stops
    sending before the read timeout) is the client's error."""
    try:
        return request.get_data(cache=False)
    except HTTPException:  # too large (413), disconnected (400): werkzeug says it already
        raise
    except Exception as error:  # noqa: BLE001 - the server's parser raises its own kinds
        raise ProtocolError(f"the request body could not be read: {error}") from None


def answer(query_request: QueryRequest, canned: CannedQuery | None = None) -> Response:
    """The answer to one query request, in the negotiated format or, for browsers, as the
    workbench page; also the answer of a canned query (/queries/NAME)."""
    site = current_site()
    accept = request.headers.get("Accept")
    cacheable = request.method in ("GET", "HEAD")
    page = workbench.prefers_page(accept, query_request.format)
    etag = caching.make_etag(site.release, "sparql", query_request.query,
                             "\n".join(query_request.default_graph_uris),
                             "\n".join(query_request.named_graph_uris), accept,
                             query_request.format, canned.name if canned else None,
                             reader_language() if page else None)
    if cacheable and caching.not_modified(request, etag):
        return caching.not_modified_response(site.release, etag, site.settings.cache_max_age)
    if page:
        response = workbench.results_page(query_request, canned)
    else:
        response = _results_response(
            site.queries.run(job_for_request(query_request, site.settings, accept)))
    if cacheable and response.status_code == 200 and not response.is_streamed:
        caching.set_validators(response, site.release, etag, site.settings.cache_max_age)
    else:  # errors, and streamed answers: one cut short at a limit must not be kept
        response.headers["Cache-Control"] = "no-store"
    return response


def _results_response(answer: QueryAnswer) -> Response:
    """Complete answers (result caps set) go out with their length and may be compressed;
    uncapped ones are streamed as the query process writes them."""
    content_type = _content_type(answer.format.media_type)
    if answer.complete:
        return Response(answer.content, content_type=content_type)
    return Response(answer, content_type=content_type, direct_passthrough=True)


def service_description() -> Response:
    """The SPARQL 1.1 Service Description of this endpoint, as RDF."""
    site = current_site()
    endpoint_url = site.absolute("/sparql")
    graph = build_service_description(endpoint_url, site.release.manifest, site.public_url())
    return graph_response(graph, formats_of(FormatKind.GRAPH), "sparql-sd", endpoint_url)
