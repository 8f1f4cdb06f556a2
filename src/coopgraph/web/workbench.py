"""The query workbench (the SPARQL endpoint's page for people) and the canned queries at
/queries/.

A browser that asks /sparql for HTML gets a query editor; with a query it also gets the
results as a table, rendered here on the server, so that a shared URL shows them again and
nothing needs JavaScript. Machines keep the protocol's formats: the page is chosen only when
the client prefers ``text/html`` (or asks for ``format=html``). ``/queries/NAME`` answers a
canned query like /sparql answers that query's text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

import pyoxigraph
from flask import Blueprint, Response, abort, redirect, render_template, request
from rdflib import URIRef

from coopgraph.addressing import path_for_iri
from coopgraph.canned import CannedQuery, find_canned_query, is_canned_name, list_canned_queries
from coopgraph.errors import CoopgraphError, NotAcceptable, SourcePosition
from coopgraph.formats import FORMATS_BY_KEY, FormatKind, format_for_media_type, formats_of
from coopgraph.negotiation import choose_media_type, negotiate
from coopgraph.protocol import QueryRequest
from coopgraph.query import QueryForm, result_formats
from coopgraph.query_pool import QueryAnswer
from coopgraph.query_process import QueryJob, job_for_request, result_limits
from coopgraph.serialization import ResultLimits
from coopgraph.vocab import PREFIXES, shorten
from coopgraph.web import caching
from coopgraph.web.errors import is_internal, status_for
from coopgraph.web.site import current_site, reader_language

bp = Blueprint("queries", __name__)

PAGE = FORMATS_BY_KEY["html"]
# Everything /sparql can answer in, the page last: it wins only when preferred outright.
ANSWER_FORMATS = (*formats_of(FormatKind.RESULTS), *formats_of(FormatKind.GRAPH), PAGE)
JSON_MEDIA_TYPE = "application/json"
INDEX_MEDIA_TYPES = (JSON_MEDIA_TYPE, PAGE.media_type)
FORMAT_NAMES = {"json": "JSON", "xml": "XML", "csv": "CSV", "tsv": "TSV", "turtle": "Turtle",
                "ntriples": "N-Triples", "jsonld": "JSON-LD", "rdfxml": "RDF/XML"}
MAX_ROWS = 1000  # rows shown on the page; the downloads have them all
MAX_GRAPH_CHARS = 200_000
PAGE_LIMITS = ResultLimits(max_rows=100_000, max_bytes=64 << 20)


@dataclass(frozen=True)
class Cell:
    """One value of a result row as the page shows it."""

    text: str
    href: str | None = None
    lang: str | None = None
    kind: str = "literal"  # "iri", "literal" or "blank"


@dataclass
class Results:
    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[list[Cell | None]] = field(default_factory=list)
    total: int = 0
    boolean: bool | None = None
    turtle: str | None = None
    cut: bool = False


@dataclass(frozen=True)
class Problem:
    """Why a query was not run, in plain words, with where in the query when known."""

    status: int
    message: str
    hint: str | None = None
    line: int | None = None
    column: int | None = None
    excerpt: str | None = None


def prefers_page(accept: str | None, requested: str | None) -> bool:
    """Whether the client wants the page rather than one of the protocol's formats: it asks
    for ``format=html``, or prefers ``text/html`` to every results and RDF format."""
    if requested:
        return (FORMATS_BY_KEY.get(requested.lower()) or format_for_media_type(requested)) is PAGE
    if not accept or not accept.strip():
        return False
    try:
        return negotiate(accept, ANSWER_FORMATS) is PAGE
    except NotAcceptable:
        return False


def _cell(term: object | None, base_iri: str) -> Cell | None:
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return Cell(shorten(URIRef(term.value), base_iri),
                    path_for_iri(term.value, base_iri) or term.value, kind="iri")
    if isinstance(term, pyoxigraph.Literal):
        return Cell(term.value, lang=term.language)
    return Cell(str(term), kind="blank")


def read_results(answer: QueryAnswer, base_iri: str) -> Results:
    """The results as the page shows them: the first rows of a table, a yes/no, or Turtle.
    ``answer`` is complete, in JSON (SELECT, ASK) or Turtle (CONSTRUCT, DESCRIBE)."""
    results = Results(answer.form.value)
    if answer.form is QueryForm.GRAPH:
        text = answer.content.decode("utf-8")
        results.cut = len(text) > MAX_GRAPH_CHARS
        results.turtle = text[: text.rfind("\n", 0, MAX_GRAPH_CHARS) + 1] if results.cut else text
        return results
    parsed = pyoxigraph.parse_query_results(answer.content, format=FORMATS_BY_KEY["json"].oxigraph)
    if answer.form is QueryForm.ASK:
        results.boolean = bool(parsed)
        return results
    results.variables = [variable.value for variable in parsed.variables]
    for solution in parsed:
        results.total += 1
        if results.total <= MAX_ROWS:
            results.rows.append([_cell(solution[name], base_iri) for name in results.variables])
    results.cut = results.total > MAX_ROWS
    return results


def _page_job(query_request: QueryRequest) -> QueryJob:
    """The page's results come as JSON or Turtle, complete, so at most the endpoint's caps or,
    where it has none, :data:`PAGE_LIMITS`."""
    settings = current_site().settings
    limits = result_limits(settings)
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    job = job_for_request(query_request, settings, None, prefixes=prefixes,
                          limits=PAGE_LIMITS if limits.unlimited else limits)
    return replace(job, results_format="json", graph_format="turtle")


def _problem(error: CoopgraphError, query: str) -> Problem:
    line = column = excerpt = None
    position = error.location
    if isinstance(position, SourcePosition) and position.line and position.column:
        line, column = position.line, position.column
        lines = query.splitlines()
        excerpt = lines[line - 1] if 0 < line <= len(lines) else None
    return Problem(status_for(error), error.message, error.hint, line, column, excerpt)


def _downloads(query_request: QueryRequest, canned: CannedQuery | None,
               form: QueryForm) -> list[tuple[str, str]]:
    """(format name, URL) of the same query in each format its form can be written in."""
    links = []
    for fmt in result_formats(form):
        if canned is not None:
            href = f"/queries/{canned.name}?" + urlencode({"format": fmt.key})
        else:
            parameters = [("query", query_request.query),
                          *(("default-graph-uri", iri) for iri in query_request.default_graph_uris),
                          *(("named-graph-uri", iri) for iri in query_request.named_graph_uris),
                          ("format", fmt.key)]
            href = "/sparql?" + urlencode(parameters)
        links.append((FORMAT_NAMES.get(fmt.key, fmt.key), href))
    return links


def _render(status: int = 200, **context) -> Response:
    site = current_site()
    body = render_template("workbench/page.html",
                           canned_queries=list_canned_queries(site.settings.queries_dir),
                           prefixes=PREFIXES, base_iri=site.settings.base_iri, **context)
    response = Response(body, status=status, content_type="text/html; charset=utf-8")
    response.vary.add("Accept")
    if status != 200:
        response.headers["Cache-Control"] = "no-store"
    return response


def editor_page() -> Response:
    """The workbench with no query yet: the prefixes and an example in the editor."""
    return _render()


def protocol_error_page(error: CoopgraphError, text: str) -> Response:
    """A request the protocol refuses (an update, an empty or repeated query) shown on the
    page, with ``text`` back in the editor."""
    if is_internal(error):
        raise error
    return _render(status_for(error), query=text, problem=_problem(error, text))


def results_page(query_request: QueryRequest, canned: CannedQuery | None = None) -> Response:
    """The workbench with ``query_request`` in the editor and its results (or why it was not
    run) below it."""
    site = current_site()
    try:
        answer = site.queries.run(_page_job(query_request))
    except CoopgraphError as error:
        return protocol_error_page(error, query_request.query)
    return _render(query=query_request.query, canned=canned, query_request=query_request,
                   results=read_results(answer, site.settings.base_iri),
                   downloads=_downloads(query_request, canned, answer.form))


def _index_media_type(requested: str | None, accept: str | None) -> str:
    if not requested:
        return choose_media_type(accept, INDEX_MEDIA_TYPES)
    media_type = {"json": JSON_MEDIA_TYPE, "html": PAGE.media_type}.get(requested.lower(),
                                                                         requested.lower())
    if media_type not in INDEX_MEDIA_TYPES:
        raise NotAcceptable(f"format '{requested}' is not available here",
                            hint="available: json, html")
    return media_type


@bp.route("/queries/")
def index() -> Response:
    """The canned queries: a page for browsers, a JSON list for machines. ``?name=NAME`` (the
    picker's form without JavaScript) leads to that query."""
    site = current_site()
    name = request.args.get("name")
    if name is not None:
        if not is_canned_name(name):
            abort(404, description="there is no canned query with that name")
        return redirect(f"/queries/{name}", code=303)
    found = list_canned_queries(site.settings.queries_dir)
    media_type = _index_media_type(request.args.get("format"), request.headers.get("Accept"))
    language = reader_language() if media_type == PAGE.media_type else None
    etag = caching.make_etag(site.release, "queries", media_type, language,
                             *(f"{query.name}\n{query.text}" for query in found))
    if caching.not_modified(request, etag):
        return caching.not_modified_response(site.release, etag, site.settings.cache_max_age)
    if media_type == PAGE.media_type:
        body = render_template("workbench/index.html", canned_queries=found)
    else:
        body = json.dumps([{"name": query.name, "question": query.question,
                            "url": site.absolute(f"/queries/{query.name}"), "query": query.text}
                           for query in found], ensure_ascii=False, indent=1)
    response = Response(body, content_type=f"{media_type}; charset=utf-8")
    return caching.set_validators(response, site.release, etag, site.settings.cache_max_age)


@bp.route("/queries/<name>")
def canned_query(name: str) -> Response:
    """A canned query's results, negotiated as /sparql negotiates them."""
    from coopgraph.web.sparql import answer  # sparql imports this module for its page

    canned = find_canned_query(current_site().settings.queries_dir, name)
    return answer(QueryRequest(canned.text, format=request.args.get("format")), canned)

