"""The dumps at /download/: exact bytes from the release, with validators, ranges and
checksums. Only files the release manifest lists are served (no path is ever joined from
the request)."""

from __future__ import annotations

import base64

from flask import Blueprint, Response, abort, render_template, send_file

from coopgraph.web.site import current_site

bp = Blueprint("downloads", __name__)


@bp.route("/download/")
def index() -> str:
    site = current_site()
    return render_template("downloads/index.html", files=site.release.manifest.get("files", []),
                           manifest=site.release.manifest)


@bp.route("/download/<name>")
def file(name: str) -> Response:
    site = current_site()
    if name.endswith(".sha256"):
        return checksum(name.removesuffix(".sha256"))
    entry = site.release.dump(name)
    if entry is None:
        abort(404, description=f"there is no download called '{name}'")
    response = send_file(site.release.download_dir / entry["name"],
                         mimetype=entry["compression"] or entry["media_type"],
                         conditional=True, etag=entry["sha256"],
                         max_age=site.settings.cache_max_age,
                         last_modified=site.release.modified, download_name=entry["name"])
    digest = base64.b64encode(bytes.fromhex(entry["sha256"])).decode("ascii")
    response.headers["Digest"] = f"sha-256={digest}"
    response.headers["Repr-Digest"] = f"sha-256=:{digest}:"
    response.headers["Content-Disposition"] = f'inline; filename="{entry["name"]}"'
    return response


def checksum(name: str) -> Response:
    """``NAME.sha256`` in the format ``sha256sum --check`` reads."""
    entry = current_site().release.dump(name)
    if entry is None:
        abort(404, description=f"there is no download called '{name}'")
    return Response(f"{entry['sha256']}  {entry['name']}\n",
                    content_type="text/plain; charset=utf-8")
