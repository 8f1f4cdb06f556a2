"""Pages for people: the partnership network at /network (and /network.svg) and the class
index at /classes/. Request -> language and page number -> one core call -> template."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, abort, render_template, request

from coopgraph.browse import find_class, list_classes, list_instances
from coopgraph.network import (
    caption_lines,
    draw_network,
    read_network,
    svg_document,
    svg_markup,
)
from coopgraph.pages import local_href
from coopgraph.web import caching
from coopgraph.web.site import current_site, reader_language
from coopgraph.wording import LANGUAGE_NAMES, LANGUAGES, licence_name, words_for

bp = Blueprint("browse", __name__)


@bp.app_context_processor
def page_words() -> dict:
    """What every template of the site gets (pages, workbench, error pages): the reader's
    language, the words of the pages in it (coopgraph.wording), and the data's licence for the
    footer. A template's own ``lang`` or ``words`` wins over these."""
    lang = reader_language()
    name, href = licence_name(current_site().settings.licence)
    return {"lang": lang, "words": words_for(lang), "languages": LANGUAGES,
            "language_names": LANGUAGE_NAMES, "licence": {"name": name, "href": href}}


@bp.after_app_request
def vary_pages_by_language(response: Response) -> Response:
    """Every page for people speaks the reader's language (its words at least), which may
    come from Accept-Language: caches must keep the languages apart."""
    if response.mimetype == "text/html":
        response.vary.add("Accept-Language")
    return response


def _link() -> Callable[[str], str | None]:
    base_iri = current_site().settings.base_iri
    return lambda iri: local_href(iri, base_iri)


def _cached(make: Callable[[], Response], *etag_parts: str | None) -> Response:
    """``make()`` with validators, or 304 when the client has this representation."""
    site = current_site()
    etag = caching.make_etag(site.release, "browse", *etag_parts)
    if caching.not_modified(request, etag):
        response = caching.not_modified_response(site.release, etag,
                                                 site.settings.cache_max_age)
    else:
        response = caching.set_validators(make(), site.release, etag,
                                          site.settings.cache_max_age)
    response.vary.add("Accept-Language")
    return response


def _html(template: str, **context) -> Response:
    body = render_template(template, **context)
    return Response(body, content_type="text/html; charset=utf-8")


@bp.route("/network")
def network() -> Response:
    lang = reader_language()

    def make() -> Response:
        model = read_network(current_site().release.store, lang, _link())
        return _html("browse/network.html", lang=lang, network=model,
                     svg=svg_markup(draw_network(model)), caption=caption_lines(model))
    return _cached(make, "network.html", lang)


@bp.route("/network.svg")
def network_svg() -> Response:
    lang = reader_language()

    def make() -> Response:
        model = read_network(current_site().release.store, lang, _link())
        return Response(svg_document(draw_network(model)), content_type="image/svg+xml")
    return _cached(make, "network.svg", lang)


@bp.route("/classes/")
def classes() -> Response:
    lang = reader_language()

    def make() -> Response:
        found = list_classes(current_site().release.store, lang)
        return _html("browse/classes.html", lang=lang, classes=found)
    return _cached(make, "classes", lang)


def _page_number() -> int:
    text = request.args.get("page", "1")
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        abort(400, description="page must be a whole number from 1")
    return int(text)


@bp.route("/classes/<name>")
def instances(name: str) -> Response:
    lang, number = reader_language(), _page_number()

    def make() -> Response:
        store = current_site().release.store
        page = list_instances(store, find_class(store, name, lang), lang, number, _link())
        return _html("browse/class.html", lang=lang, page=page)
    return _cached(make, "class", name, lang, str(number))
