"""Dumps at /download/: exact bytes, media types, validators, ranges, checksums."""

import base64
import gzip
import hashlib

import pytest

from tests.rdf_parsing import graph_names, triple_set


def _files(release):
    return release.manifest["files"]


def _get(client, path, **headers):
    """A response read to the end and closed (send_file streams an open file)."""
    with client.get(path, headers=headers) as response:
        response.get_data()
        return response


def test_every_dump_is_listed(release):
    names = {entry["name"] for entry in _files(release)}
    assert names == {"kubrat.ttl", "kubrat.nt.gz", "kubrat.jsonld", "kubrat.rdf", "kubrat.trig",
                     "kubrat.nq"}


def test_dumps_are_served_with_type_length_validators_and_digest(client, release):
    for entry in _files(release):
        response = _get(client, f"/download/{entry['name']}")
        assert response.status_code == 200, entry["name"]
        assert response.mimetype == (entry["compression"] or entry["media_type"])
        assert int(response.headers["Content-Length"]) == entry["size"] == len(response.data)
        assert response.headers["ETag"] and response.headers["Last-Modified"]
        digest = base64.b64encode(hashlib.sha256(response.data).digest()).decode()
        assert response.headers["Digest"] == f"sha-256={digest}"
        assert hashlib.sha256(response.data).hexdigest() == entry["sha256"]


@pytest.mark.parametrize("name", ["kubrat.ttl", "kubrat.jsonld", "kubrat.rdf", "kubrat.trig"])
def test_every_dump_holds_the_same_triples(client, name):
    reference = triple_set(gzip.decompress(_get(client, "/download/kubrat.nt.gz").data),
                           "application/n-triples")
    response = _get(client, f"/download/{name}")
    assert len(reference) > 50
    assert triple_set(response.data, response.mimetype) == reference


def test_dataset_dumps_keep_one_graph_per_source(client):
    for name in ("kubrat.trig", "kubrat.nq"):
        response = _get(client, f"/download/{name}")
        assert "https://w3id.org/coopgraph/kubrat/graph/sources" in graph_names(
            response.data, response.mimetype)


def test_range_requests(client):
    response = _get(client, "/download/kubrat.ttl", Range="bytes=0-9")
    assert response.status_code == 206
    assert len(response.data) == 10
    assert response.headers["Content-Range"].startswith("bytes 0-9/")


def test_unsatisfiable_range_is_416(client):
    response = _get(client, "/download/kubrat.ttl", Range="bytes=99999999-")
    assert response.status_code == 416


def test_checksum_file_reads_like_sha256sum(client, release):
    entry = _files(release)[0]
    assert client.get(f"/download/{entry['name']}.sha256").text == (
        f"{entry['sha256']}  {entry['name']}\n")


@pytest.mark.parametrize("path", ["/download/nothing.ttl", "/download/..%2fmanifest.json",
                                  "/download/../manifest.json"])
def test_unknown_or_traversing_names_are_404(client, path):
    assert _get(client, path).status_code == 404


def test_conditional_get_gives_304(client):
    first = _get(client, "/download/kubrat.ttl")
    again = _get(client, "/download/kubrat.ttl", **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
