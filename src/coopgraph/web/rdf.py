"""Answer with an rdflib graph (catalog, VoID, service description) in the negotiated format."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Response, request
from rdflib import Graph

from coopgraph.formats import Format
from coopgraph.negotiation import negotiate
from coopgraph.vocab import PREFIXES
from coopgraph.web import caching
from coopgraph.web.site import current_site


def _bind(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=False)
    return graph


def graph_response(graph: Graph, offered: Sequence[Format], *etag_parts: str) -> Response:
    """Serialize ``graph`` with rdflib in the format the client prefers; ETag per format."""
    site = current_site()
    fmt = negotiate(request.headers.get("Accept"), offered, request.args.get("format"))
    etag = caching.make_etag(site.release, *etag_parts, fmt.key)
    if caching.not_modified(request, etag):
        return caching.not_modified_response(site.release, etag, site.settings.cache_max_age)
    body = _bind(graph).serialize(format=fmt.rdflib, encoding="utf-8")
    content_type = fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/")
                                     else "")
    response = Response(body, content_type=content_type)
    return caching.set_validators(response, site.release, etag, site.settings.cache_max_age)
