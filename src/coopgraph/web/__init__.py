"""The web layer: a thin Flask skin over the core. ``create_app`` is the only entry point."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, abort, render_template, request, send_from_directory

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
    import coopgraph.web.browse as browse
    import coopgraph.web.workbench as workbench
    from coopgraph.web import downloads, metadata, resources, sparql

    app.register_blueprint(sparql.bp)
    app.register_blueprint(downloads.bp)
    app.register_blueprint(metadata.bp)
    app.register_blueprint(browse.bp)
    app.register_blueprint(workbench.bp)
    app.add_url_rule("/", "home", home)
    app.add_url_rule("/favicon.ico", "favicon", favicon)
    app.register_blueprint(resources.bp)  # last: its catch-all route matches any path
    app.before_request(refuse_undecodable_query_string)
    errors.install(app)
    headers.install(app)
    return app


def refuse_undecodable_query_string() -> None:
    """werkzeug decodes the query string as strict UTF-8 when a view first reads it, so raw
    bytes that are not UTF-8 (gunicorn refuses them itself; other WSGI servers pass them on)
    would end as a 500 wherever a view looks at a parameter."""
    try:
        request.query_string.decode("utf-8")
    except UnicodeDecodeError:
        abort(400, description="the query string is not valid UTF-8")


def favicon() -> Response:
    """Browsers ask for /favicon.ico whatever the page says; answer with the site's icon."""
    return send_from_directory(Path(__file__).parent / "static", "favicon.svg",
                               mimetype="image/svg+xml", max_age=86400)


def home() -> Response:
    """What the dataset is, how big the published release is, where it comes from, and the
    ways in: the counts are those the build took of the release's store."""
    from coopgraph.pages import list_sources, local_href
    from coopgraph.web.site import reader_language

    site = current_site()
    lang = reader_language()
    statistics = site.release.manifest.get("statistics", {})
    sources = list_sources(site.release.store, lang,
                           lambda iri: local_href(iri, site.settings.base_iri))
    body = render_template("home.html", lang=lang, version=site.release.version,
                           built=site.release.modified.date().isoformat(),
                           triples=statistics.get("triples", 0),
                           entities=statistics.get("entities", 0),
                           graphs=len(statistics.get("graphs", {})),
                           vocabulary_triples=sum(statistics.get("vocabulary_graphs",
                                                                 {}).values()),
                           sources=sources)
    response = Response(body, content_type="text/html; charset=utf-8")
    response.vary.add("Accept-Language")
    return response
