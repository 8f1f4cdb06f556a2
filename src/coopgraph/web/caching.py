"""HTTP caching shared by the blueprints: every GET answer is a function of the release
version and the request, so ETags derive from both and If-None-Match gives 304.

This runs on every request, so the parts that depend only on the release (Last-Modified,
Cache-Control) are formatted once per release and set as plain headers.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import lru_cache

from flask import Request, Response
from werkzeug.http import http_date

from coopgraph.release import Release


def make_etag(release: Release, *parts: str | bytes | None) -> str:
    """An ETag value for one representation: the same in every worker process."""
    digest = hashlib.blake2b(release.version.encode(), digest_size=16)
    for part in parts:
        digest.update(b"\0")
        if part is not None:
            digest.update(part if isinstance(part, bytes) else part.encode("utf-8", "replace"))
    return digest.hexdigest()


def not_modified(request: Request, etag: str) -> bool:
    """Whether the client's If-None-Match already names this representation."""
    return request.method in ("GET", "HEAD") and request.if_none_match.contains_weak(etag)


@lru_cache(maxsize=8)
def _release_headers(modified: datetime, max_age: int) -> tuple[tuple[str, str], ...]:
    return (("Last-Modified", http_date(modified)),
            ("Cache-Control", f"public, max-age={max_age}"))


def set_validators(response: Response, release: Release, etag: str, max_age: int) -> Response:
    """A weak ETag (the same content may be sent gzipped or not), Last-Modified and
    Cache-Control for a GET response."""
    headers = response.headers
    headers["ETag"] = f'W/"{etag}"'
    for name, value in _release_headers(release.modified, max_age):
        headers[name] = value
    if "Vary" in headers:
        response.vary.add("Accept")
    else:
        headers["Vary"] = "Accept"
    return response


def not_modified_response(release: Release, etag: str, max_age: int) -> Response:
    return set_validators(Response(status=304), release, etag, max_age)
