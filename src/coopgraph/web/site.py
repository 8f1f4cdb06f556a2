"""What the web layer keeps per application: settings, the open release, derived URLs."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request

from coopgraph.release import Release
from coopgraph.settings import Settings


@dataclass
class Site:
    settings: Settings
    release: Release

    def public_url(self) -> str:
        """The server's public root URL, ending in ``/``: the ``public_url`` setting, else the
        URL this request came to."""
        return self.settings.public_url or request.host_url

    def absolute(self, path: str) -> str:
        return self.public_url().rstrip("/") + path


def current_site() -> Site:
    return current_app.extensions["coopgraph"]
