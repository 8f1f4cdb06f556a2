"""HTTP caching shared by the blueprints: every GET answer is a function of the release
version and the request, so ETags derive from both and If-None-Match gives 304."""

from __future__ import annotations

import hashlib

from flask import Request, Response

from coopgraph.release import Release


def make_etag(release: Release, *parts: str | bytes | None) -> str:
    """A weak ETag (the same content may be sent gzipped or not) for one representation."""
    digest = hashlib.sha256(release.version.encode())
    for part in parts:
        digest.update(b"\0")
        if part is not None:
            digest.update(part if isinstance(part, bytes) else part.encode("utf-8", "replace"))
    return digest.hexdigest()[:32]


def not_modified(request: Request, etag: str) -> bool:
    """Whether the client's If-None-Match already names this representation."""
    return request.method in ("GET", "HEAD") and request.if_none_match.contains_weak(etag)


def set_validators(response: Response, release: Release, etag: str, max_age: int) -> Response:
    """ETag, Last-Modified and Cache-Control for a GET response."""
    response.set_etag(etag, weak=True)
    response.last_modified = release.modified
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    response.vary.add("Accept")
    return response


def not_modified_response(release: Release, etag: str, max_age: int) -> Response:
    return set_validators(Response(status=304), release, etag, max_age)
