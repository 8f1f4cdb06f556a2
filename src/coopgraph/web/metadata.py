"""Metadata for harvesters: the DCAT-AP catalog at /catalog and VoID at /.well-known/void."""

from __future__ import annotations

from flask import Blueprint, Response

from coopgraph.catalog import build_catalog
from coopgraph.formats import FormatKind, formats_of
from coopgraph.void import build_void
from coopgraph.web.rdf import graph_response
from coopgraph.web.site import current_site

bp = Blueprint("metadata", __name__)


@bp.route("/catalog")
def catalog() -> Response:
    site = current_site()
    graph = build_catalog(site.release.manifest, site.settings, site.public_url())
    return graph_response(graph, formats_of(FormatKind.GRAPH), "catalog", site.public_url())


@bp.route("/.well-known/void")
def void() -> Response:
    site = current_site()
    graph = build_void(site.release.manifest, site.settings, site.public_url())
    return graph_response(graph, formats_of(FormatKind.GRAPH), "void", site.public_url())
