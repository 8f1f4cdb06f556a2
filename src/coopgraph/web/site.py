"""What the web layer keeps per application: settings, the open release, derived URLs."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, request

from coopgraph.negotiation import choose_language
from coopgraph.pages import LANGUAGES
from coopgraph.query_pool import PoolLimits, QueryPool
from coopgraph.release import Release
from coopgraph.settings import Settings


@dataclass
class Site:
    settings: Settings
    release: Release
    queries: QueryPool = field(init=False)

    def __post_init__(self) -> None:
        self.queries = QueryPool(self.release.path / "store",
                                 PoolLimits.from_settings(self.settings))

    def public_url(self) -> str:
        """The server's public root URL, ending in ``/``: the ``public_url`` setting, else the
        URL this request came to."""
        return self.settings.public_url or request.host_url

    def absolute(self, path: str) -> str:
        return self.public_url().rstrip("/") + path


def reader_language() -> str:
    """The page language: ``?lang=en|bg``, else the browser's Accept-Language, else English."""
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return choose_language(request.headers.get("Accept-Language"), LANGUAGES)


def current_site() -> Site:
    return current_app.extensions["coopgraph"]
