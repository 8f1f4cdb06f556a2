"""Dereferencing: every IRI under the base (and the vocabulary) answers on this server.

Cool URIs with 303: ``/municipality/kubrat`` names a thing, so it answers ``303 See Other`` to
its description ``/doc/municipality/kubrat``, which is negotiated (HTML for browsers, RDF for
clients) and also reachable with a suffix (``/doc/municipality/kubrat.ttl``). The ontology uses
hash IRIs, so ``/ontology`` is itself the document.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph
from flask import Blueprint, Response, redirect, render_template, request

from coopgraph.addressing import iri_for_path
from coopgraph.describe import (
    Description,
    describe_document,
    describe_resource,
    is_known,
    unknown_resource,
)
from coopgraph.formats import Format, FormatKind, formats_of
from coopgraph.negotiation import negotiate
from coopgraph.ontology_doc import read_ontology
from coopgraph.pages import build_page, local_href
from coopgraph.vocab import ONTOLOGY_IRI, PREFIXES
from coopgraph.web import caching
from coopgraph.web.site import current_site, reader_language

bp = Blueprint("resources", __name__)

DOCUMENT_FORMATS: tuple[Format, ...] = (
    *formats_of(FormatKind.PAGE), *formats_of(FormatKind.GRAPH),
    *formats_of(FormatKind.DATASET))
SUFFIXES = {fmt.suffix: fmt for fmt in DOCUMENT_FORMATS}


def _split_suffix(path: str) -> tuple[str, Format | None]:
    for suffix, fmt in SUFFIXES.items():
        if path.endswith(suffix):
            return path[: -len(suffix)], fmt
    return path, None


def _links(document_path: str) -> str:
    return ", ".join(f'<{document_path}{fmt.suffix}>; rel="alternate"; type="{fmt.media_type}"'
                     for fmt in DOCUMENT_FORMATS)


def _serialize(description: Description, fmt: Format) -> bytes:
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    if fmt.kind is FormatKind.DATASET:
        return pyoxigraph.serialize(description.quads(), format=fmt.oxigraph, prefixes=prefixes)
    options = {"prefixes": prefixes} if fmt.key in ("turtle", "rdfxml") else {}
    return pyoxigraph.serialize(description.triples(), format=fmt.oxigraph, **options)


PageRenderer = Callable[[str, list], str]  # (language, alternates) -> HTML


def _resource_page(describe, iri: str) -> PageRenderer:
    def render(lang: str, alternates: list) -> str:
        site = current_site()
        description = describe(site.release.store, iri)
        page = build_page(description, lang,
                          lambda target: local_href(target, site.settings.base_iri))
        return render_template("resources/page.html", page=page, lang=lang,
                               alternates=alternates, truncated=description.truncated)
    return render


def _ontology_page(lang: str, alternates: list) -> str:
    """The ontology as documentation: every term with an anchor equal to its local name."""
    site = current_site()
    doc = read_ontology(site.release.store, site.settings.base_iri, lang)
    return render_template("resources/ontology.html", doc=doc, lang=lang, alternates=alternates)


def _document(document_path: str, fmt: Format | None, iri: str, describe,
              render_page: PageRenderer | None = None) -> Response:
    """The description of ``iri`` served at ``document_path`` (no suffix), in ``fmt`` or the
    negotiated format; browsers get ``render_page`` (default: the resource page)."""
    site = current_site()
    fmt = fmt or negotiate(request.headers.get("Accept"), DOCUMENT_FORMATS,
                           request.args.get("format"))
    lang = reader_language() if fmt.key == "html" else None
    etag = caching.make_etag(site.release, "doc", iri, fmt.key, lang)
    if caching.not_modified(request, etag):
        return caching.not_modified_response(site.release, etag, site.settings.cache_max_age)
    if fmt.key == "html":
        render = render_page or _resource_page(describe, iri)
        body = render(lang, [(f, f"{document_path}{f.suffix}") for f in DOCUMENT_FORMATS
                             if f.key != "html"])
        response = Response(body, content_type="text/html; charset=utf-8")
        response.vary.add("Accept-Language")
    else:
        content_type = fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/")
                                         else "")
        response = Response(_serialize(describe(site.release.store, iri), fmt),
                            content_type=content_type)
    response.headers["Content-Location"] = f"{document_path}{fmt.suffix}"
    response.headers["Link"] = _links(document_path)
    return caching.set_validators(response, site.release, etag, site.settings.cache_max_age)


@bp.route("/ontology")
@bp.route("/ontology<any('.ttl','.nt','.jsonld','.rdf','.trig','.nq','.html'):suffix>")
def ontology(suffix: str = "") -> Response:
    return _document("/ontology", SUFFIXES.get(suffix), str(ONTOLOGY_IRI), describe_document,
                     _ontology_page)


@bp.route("/doc/<path:path>")
def document(path: str) -> Response:
    base_path, fmt = _split_suffix(path)
    iri = iri_for_path(base_path, current_site().settings.base_iri)
    return _document(f"/doc/{base_path}", fmt, iri, describe_resource)


@bp.route("/<path:path>")
def resource(path: str) -> Response:
    site = current_site()
    iri = iri_for_path(path, site.settings.base_iri)
    if not is_known(site.release.store, iri):
        raise unknown_resource(iri)
    query = request.query_string.decode("ascii", "replace")
    response = redirect(f"/doc/{path}" + (f"?{query}" if query else ""), code=303)
    response.vary.add("Accept")
    return response
