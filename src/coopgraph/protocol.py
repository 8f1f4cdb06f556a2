"""Decode a SPARQL 1.1 Protocol query request (https://www.w3.org/TR/sparql11-protocol/).

A pure function of (method, content type, raw query string, raw body): it returns a
:class:`QueryRequest`, ``None`` when no query was sent (the caller then describes the
service), or raises a :class:`ProtocolError` subclass that says what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from coopgraph.errors import MethodNotAllowed, ProtocolError, UnsupportedMediaType, UpdateRefused

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")


@dataclass(frozen=True)
class QueryRequest:
    """A query with the RDF dataset the protocol request names (empty: the whole store)."""

    query: str
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()
    format: str | None = None  # the documented ``format`` parameter (for browsers)


def _parameters(raw: bytes, where: str) -> dict[str, list[str]]:
    try:
        return parse_qs(raw.decode("utf-8"),
                        keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(f"the {where} parameters are not valid percent-encoded UTF-8",
                            hint="encode the query with UTF-8 and percent-encoding") from None


def _media_type(content_type: str | None) -> tuple[str, dict[str, str]]:
    if not content_type:
        return "", {}
    media_type, *params = content_type.split(";")
    values = {}
    for param in params:
        key, _, value = param.partition("=")
        values[key.strip().lower()] = value.strip().strip('"').lower()
    return media_type.strip().lower(), values


def _single_query(values: list[str]) -> str:
    if len(values) > 1:
        raise ProtocolError(f"the query parameter is given {len(values)} times; send exactly one")
    return values[0]


def _dataset(*sources: dict[str, list[str]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    default, named = [], []
    for source in sources:
        default += source.get("default-graph-uri", [])
        named += source.get("named-graph-uri", [])
    for iri in default + named:
        if not iri or any(c in iri for c in ' <>"{}|\\^`') or ":" not in iri:
            raise ProtocolError(f"'{iri[:200]}' is not an absolute IRI for a graph")
    return tuple(default), tuple(named)


def _format(*sources: dict[str, list[str]]) -> str | None:
    values = [value for source in sources for value in source.get("format", [])]
    if len(set(values)) > 1:
        raise ProtocolError("the format parameter is given with different values")
    return values[0] if values else None


def _check_query_text(query: str) -> str:
    if not query.strip():
        raise ProtocolError("the query is empty")
    return query


def _refuse_update(parameters: dict[str, list[str]]) -> None:
    if "update" in parameters:
        raise UpdateRefused("this endpoint is read-only: SPARQL Update is not accepted")


def parse_query_request(method: str, content_type: str | None, query_string: bytes,
                        body: bytes) -> QueryRequest | None:
    """Decode one request to the query endpoint; see the module docstring."""
    method = method.upper()
    if method not in ALLOWED_METHODS:
        raise MethodNotAllowed(f"the SPARQL endpoint does not answer {method} requests",
                               hint="use GET or POST")
    url_parameters = _parameters(query_string, "URL")
    _refuse_update(url_parameters)
    if method in ("GET", "HEAD", "OPTIONS"):
        if "query" not in url_parameters:
            if any(name in url_parameters for name in DATASET_PARAMETERS):
                raise ProtocolError("a dataset was given but no query")
            return None
        query = _single_query(url_parameters["query"])
        return QueryRequest(_check_query_text(query), *_dataset(url_parameters),
                            _format(url_parameters))
    media_type, media_parameters = _media_type(content_type)
    if media_type == FORM:
        form = _parameters(body, "form")
        _refuse_update(form)
        queries = form.get("query", []) + url_parameters.get("query", [])
        if not queries:
            raise ProtocolError("the form has no query parameter")
        return QueryRequest(_check_query_text(_single_query(queries)),
                            *_dataset(form, url_parameters), _format(form, url_parameters))
    if media_type == SPARQL_QUERY:
        if "query" in url_parameters:
            raise ProtocolError("the query is given both in the body and in the URL")
        charset = media_parameters.get("charset", "utf-8")
        if charset not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(f"the query must be encoded as UTF-8, not {charset}")
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ProtocolError(f"the query body is not valid UTF-8 (byte {error.start})"
                                ) from None
        return QueryRequest(_check_query_text(query), *_dataset(url_parameters),
                            _format(url_parameters))
    if media_type == SPARQL_UPDATE:
        raise UpdateRefused("this endpoint is read-only: SPARQL Update is not accepted")
    raise UnsupportedMediaType(
        f"a POST query must be sent as {FORM} or {SPARQL_QUERY}, "
        f"not {media_type or 'a body without Content-Type'}")
