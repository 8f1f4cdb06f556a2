"""One table from error class to HTTP status, and error bodies in the negotiated form.

Machines get ``text/plain`` (or JSON when they ask for it), browsers a small HTML page. No
traceback ever reaches a response; unexpected errors are logged with a reference the body
repeats.
"""

from __future__ import annotations

import json
import logging
import uuid

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException

from coopgraph.errors import (
    ConfigError,
    CoopgraphError,
    FederationRefused,
    LoadError,
    MethodNotAllowed,
    NotAcceptable,
    NotFound,
    ProtocolError,
    QueryError,
    QueryFailed,
    QueryOutOfMemory,
    QueryTimeout,
    QueryTooLong,
    ResultTooLarge,
    ServerBusy,
    UnsupportedMediaType,
    UpdateRefused,
)
from coopgraph.negotiation import choose_media_type

LOG = logging.getLogger("coopgraph.web")

# Most specific first: the first matching class decides.
STATUS_BY_ERROR: tuple[tuple[type[CoopgraphError], int], ...] = (
    (UpdateRefused, 403),
    (FederationRefused, 403),
    (MethodNotAllowed, 405),
    (UnsupportedMediaType, 415),
    (ProtocolError, 400),
    (QueryTimeout, 503),
    (QueryOutOfMemory, 503),
    (ServerBusy, 503),
    (QueryTooLong, 413),
    (ResultTooLarge, 422),
    (QueryFailed, 500),
    (QueryError, 400),
    (NotFound, 404),
    (NotAcceptable, 406),
    (LoadError, 500),
    (ConfigError, 500),
)
ERROR_MEDIA_TYPES = ("text/plain", "text/html", "application/json")
# Errors of the server itself (its configuration, its build): logged, and the body says only
# that something went wrong. Other errors, whatever their status, tell the client why.
INTERNAL_ERRORS = (LoadError, ConfigError)
RETRY_AFTER_SECONDS = 5


def status_for(error: CoopgraphError) -> int:
    return next((status for cls, status in STATUS_BY_ERROR if isinstance(error, cls)), 500)


def is_internal(error: CoopgraphError) -> bool:
    """Whether ``error`` is the server's own trouble, not to be explained to clients."""
    return isinstance(error, INTERNAL_ERRORS) or (
        status_for(error) == 500 and not isinstance(error, QueryFailed))


def error_response(status: int, title: str, message: str, hint: str | None = None) -> Response:
    """An error body negotiated on Accept: text for machines, HTML for browsers, JSON on
    request."""
    chosen = choose_media_type(request.headers.get("Accept"), ERROR_MEDIA_TYPES)
    if chosen == "text/html":
        body = render_template("error.html", status=status, title=title, message=message,
                               hint=hint)
    elif chosen == "application/json":
        body = json.dumps({"status": status, "error": title, "message": message, "hint": hint},
                          ensure_ascii=False)
    else:
        body = f"{status} {title}: {message}\n" + (f"hint: {hint}\n" if hint else "")
    response = Response(body, status=status, content_type=f"{chosen}; charset=utf-8")
    response.headers["Cache-Control"] = "no-store"
    return response


def _coopgraph_error(error: CoopgraphError) -> Response:
    status = status_for(error)
    if is_internal(error):
        return _unexpected(error)
    location = f" ({error.location})" if error.location and status == 400 else ""
    response = error_response(status, _TITLES.get(status, "Error"), error.message + location,
                              error.hint)
    if isinstance(error, MethodNotAllowed):
        response.headers["Allow"] = "GET, HEAD, POST, OPTIONS"
    if isinstance(error, ServerBusy):
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _http_error(error: HTTPException) -> Response:
    response = error_response(error.code or 500, error.name, error.description or error.name)
    if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _unexpected(error: Exception) -> Response:
    reference = uuid.uuid4().hex[:12]
    LOG.error("unexpected error, reference %s", reference, exc_info=error)
    return error_response(500, "Internal Server Error",
                          f"something went wrong on our side (reference {reference})")


_TITLES = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
           406: "Not Acceptable", 413: "Content Too Large", 415: "Unsupported Media Type",
           422: "Unprocessable Content", 500: "Internal Server Error",
           503: "Service Unavailable"}


def install(app: Flask) -> None:
    app.register_error_handler(CoopgraphError, _coopgraph_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
