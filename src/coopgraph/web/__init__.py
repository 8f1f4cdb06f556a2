"""The web layer: a thin Flask skin over the core. ``create_app`` is the only entry point."""

from __future__ import annotations

from flask import Flask, render_template

from coopgraph.release import Release, open_release
from coopgraph.settings import Settings, load_settings
from coopgraph.web import errors, headers
from coopgraph.web.site import Site, current_site


def create_app(settings: Settings | None = None, release: Release | None = None) -> Flask:
    """A Flask app serving ``release`` (default: the current build of ``settings``)."""
    settings = settings or load_settings()
    release = release or open_release(settings.build_dir)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 1 << 20
    app.extensions["coopgraph"] = Site(settings, release)
    from coopgraph.web import downloads, metadata, resources, sparql

    app.register_blueprint(sparql.bp)
    app.register_blueprint(downloads.bp)
    app.register_blueprint(metadata.bp)
    app.add_url_rule("/", "home", home)
    app.register_blueprint(resources.bp)  # last: its catch-all route matches any path
    errors.install(app)
    headers.install(app)
    return app


def home() -> str:
    site = current_site()
    return render_template("home.html", statistics=site.release.manifest.get("statistics", {}),
                           version=site.release.version)
