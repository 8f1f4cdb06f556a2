"""Dumps at /download/: exact bytes, media types, validators, ranges, checksums."""

import base64
import gzip
import hashlib

import pytest
from rdflib import Dataset, Graph


def _files(release):
    return release.manifest["files"]


def test_every_dump_is_listed(release):
    names = {entry["name"] for entry in _files(release)}
    assert names == {"kubrat.ttl", "kubrat.nt.gz", "kubrat.jsonld", "kubrat.rdf", "kubrat.trig",
                     "kubrat.nq"}


def test_dumps_are_served_with_type_length_validators_and_digest(client, release):
    for entry in _files(release):
        response = client.get(f"/download/{entry['name']}")
        assert response.status_code == 200, entry["name"]
        assert response.mimetype == (entry["compression"] or entry["media_type"])
        assert int(response.headers["Content-Length"]) == entry["size"] == len(response.data)
        assert response.headers["ETag"] and response.headers["Last-Modified"]
        digest = base64.b64encode(hashlib.sha256(response.data).digest()).decode()
        assert response.headers["Digest"] == f"sha-256={digest}"
        assert hashlib.sha256(response.data).hexdigest() == entry["sha256"]


@pytest.mark.parametrize(("name", "fmt"), [("kubrat.ttl", "turtle"), ("kubrat.jsonld", "json-ld"),
                                           ("kubrat.rdf", "xml")])
def test_graph_dumps_parse_with_rdflib(client, name, fmt):
    assert len(Graph().parse(data=client.get(f"/download/{name}").data, format=fmt)) > 50


def test_gzipped_ntriples_and_dataset_dumps_agree(client):
    ntriples = Graph().parse(data=gzip.decompress(client.get("/download/kubrat.nt.gz").data),
                             format="nt")
    dataset = Dataset()
    dataset.parse(data=client.get("/download/kubrat.nq").data, format="nquads")
    union = {triple for graph in dataset.graphs() for triple in graph}
    assert {t for t in ntriples} == union


def test_range_requests(client):
    response = client.get("/download/kubrat.ttl", headers={"Range": "bytes=0-9"})
    assert response.status_code == 206
    assert len(response.data) == 10
    assert response.headers["Content-Range"].startswith("bytes 0-9/")


def test_unsatisfiable_range_is_416(client):
    response = client.get("/download/kubrat.ttl", headers={"Range": "bytes=99999999-"})
    assert response.status_code == 416


def test_checksum_file_reads_like_sha256sum(client, release):
    entry = _files(release)[0]
    assert client.get(f"/download/{entry['name']}.sha256").text == (
        f"{entry['sha256']}  {entry['name']}\n")


@pytest.mark.parametrize("path", ["/download/nothing.ttl", "/download/..%2fmanifest.json",
                                  "/download/../manifest.json"])
def test_unknown_or_traversing_names_are_404(client, path):
    assert client.get(path).status_code == 404


def test_conditional_get_gives_304(client):
    first = client.get("/download/kubrat.ttl")
    again = client.get("/download/kubrat.ttl", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
