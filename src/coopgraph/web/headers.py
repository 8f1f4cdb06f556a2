"""Headers every response gets: security headers, CORS for the read-only API, gzip."""

from __future__ import annotations

import gzip

from flask import Flask, Request, Response, request

# Paths whose answers browser clients on other origins (YASGUI, Comunica) may read.
CORS_PREFIXES = ("/sparql", "/queries/", "/download/", "/catalog", "/.well-known/void", "/doc/")
COMPRESSIBLE = ("text/", "application/sparql-results", "application/ld+json",
                "application/n-triples", "application/n-quads", "application/trig",
                "application/rdf+xml", "application/json", "application/xml")
MIN_COMPRESS_BYTES = 1024

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'",
}


def _wants_cors(req: Request) -> bool:
    return req.path.startswith(CORS_PREFIXES)


def _compress(response: Response) -> None:
    if (response.direct_passthrough or response.status_code < 200 or response.status_code in (
            204, 206, 304) or "Content-Encoding" in response.headers
            or "gzip" not in request.headers.get("Accept-Encoding", "").lower()
            or not (response.mimetype or "").startswith(COMPRESSIBLE)):
        return
    response.vary.add("Accept-Encoding")
    body = response.get_data()
    if len(body) < MIN_COMPRESS_BYTES:
        return
    response.set_data(gzip.compress(body, compresslevel=5, mtime=0))
    response.headers["Content-Encoding"] = "gzip"


CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Content-Length, Content-Location, "
                                     "Link, Digest, Repr-Digest",
}


def add_response_headers(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    if _wants_cors(request):
        response.headers.update(CORS_HEADERS)
    _compress(response)
    return response


def preflight() -> Response:
    """Answer a CORS preflight (OPTIONS) for the read-only API."""
    response = Response(status=204)
    response.headers["Allow"] = "GET, HEAD, POST, OPTIONS"
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type, If-None-Match"
    response.headers["Access-Control-Max-Age"] = "86400"
    return response


def install(app: Flask) -> None:
    app.after_request(add_response_headers)
