"""Hostile and broken HTTP requests, through the Flask test client: every one gets a 4xx with a
short message in plain words, never a 500, a traceback or a version string, and nothing
outside the release is ever served.

Part of issue 5, "Hold up under load, hostile queries and bad data". Status codes and
messages of the ordinary bad requests (a repeated query, a syntax error, PUT, a text/plain
body) are covered in test_sparql_endpoint.py; here are the malformed and malicious ones.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest

SUBJECT = "https://w3id.org/coopgraph/kubrat/municipality/kubrat"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
LEAKS = ("Traceback", 'File "', "werkzeug", "Werkzeug", "gunicorn", "Python/", "site-packages")


def _assert_plain_refusal(response, status: int | None = None) -> str:
    """The response is a client error (``status`` when given) with a short plain message."""
    text = response.get_data(as_text=True)
    assert 400 <= response.status_code < 500, (response.status_code, text[:300])
    if status is not None:
        assert response.status_code == status, text[:300]
    assert response.mimetype == "text/plain"
    assert text.startswith(f"{response.status_code} ")
    assert len(text) < 1500, text[:300]
    assert not any(leak in text for leak in LEAKS), text
    assert "Server" not in response.headers
    return text


def _triple_count(client) -> int:
    response = client.get("/sparql?" + urlencode({"query": COUNT}))
    assert response.status_code == 200
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("query_string", [
    "query=%E0%A4%A",  # a truncated three-byte sequence
    "query=%FF%FE",  # bytes that are never UTF-8
    "query=ASK%20%7B%7D&default-graph-uri=%C3",
    "query=ASK%20%7B%7D&named-graph-uri=%ED%A0%80",  # an encoded UTF-16 surrogate
])
def test_malformed_percent_encoding_in_the_url_is_400(client, query_string):
    text = _assert_plain_refusal(client.get("/sparql?" + query_string), 400)
    assert "percent-encoded UTF-8" in text


def test_invalid_percent_escapes_reach_the_parser_as_text_and_fail_as_syntax(client):
    """``%ZZ`` is no escape at all: it stays as written and the query parser rejects it."""
    text = _assert_plain_refusal(client.get("/sparql?query=%ZZ"), 400)
    assert "syntax error" in text


def test_raw_non_utf8_bytes_in_the_url_are_400(client):
    """A WSGI server hands the query string over as bytes (latin-1 in the environ)."""
    response = client.get("/sparql", environ_overrides={
        "QUERY_STRING": "query=ASK%20%7B%7D&x=\xff\xfe"})
    assert "not valid UTF-8" in _assert_plain_refusal(response, 400)


@pytest.mark.parametrize(("content_type", "body", "fragment"), [
    (SPARQL_QUERY, b"ASK { ?s ?p \"\xff\" }", "not valid UTF-8"),
    (SPARQL_QUERY + "; charset=utf-8", b"\xc3\x28", "not valid UTF-8"),
    (FORM, b"query=ASK%20%7B%FF%7D", "percent-encoded UTF-8"),
    (FORM, b"query=ASK\xe9{}", "percent-encoded UTF-8"),
    (FORM + "; charset=utf-8", b"query=ASK%7B%7D&default-graph-uri=%80", "percent-encoded UTF-8"),
])
def test_invalid_utf8_in_a_post_body_is_400(client, content_type, body, fragment):
    response = client.post("/sparql", data=body, headers={"Content-Type": content_type})
    assert fragment in _assert_plain_refusal(response, 400)


@pytest.mark.parametrize("method", ["PATCH", "DELETE", "PROPFIND", "TRACE", "MKCOL", "PUT"])
@pytest.mark.parametrize("path", ["/sparql", "/doc/municipality/kubrat", "/municipality/kubrat",
                                  "/download/kubrat.ttl", "/download/", "/catalog"])
def test_unknown_and_odd_methods_are_405_with_allow(client, method, path):
    response = client.open(path, method=method, data=b"x")
    _assert_plain_refusal(response, 405)
    allowed = {name.strip() for name in response.headers["Allow"].split(",")}
    assert "GET" in allowed and method not in allowed


def test_trace_does_not_echo_the_request(client):
    response = client.open("/sparql", method="TRACE", headers={"X-Secret": "cookie-like"})
    assert "cookie-like" not in _assert_plain_refusal(response, 405)


@pytest.mark.parametrize("accept", [
    "a" * 10_000,
    "*/*;q=abc",  # a malformed weight: the item is ignored, nothing acceptable is left
    "text/turtle;q=2",  # weights above 1 are malformed too
    "image/png, video/mp4;q=0.9, font/woff2",
    ",".join(f"application/x-type-{number}" for number in range(3000)),
    "text/turtle;q=0, application/n-triples;q=0, application/ld+json;q=0, "
    "application/rdf+xml;q=0, text/html;q=0, application/trig;q=0, application/n-quads;q=0",
])
@pytest.mark.parametrize("path", ["/doc/municipality/kubrat", "/catalog",
                                  "/sparql?query=" + quote("ASK {}")])
def test_accept_headers_nothing_can_satisfy_are_406_listing_what_is_available(client, path,
                                                                             accept):
    text = _assert_plain_refusal(client.get(path, headers={"Accept": accept}), 406)
    assert "acceptable" in text
    assert "application/" in text.split("hint:", 1)[1]


@pytest.mark.parametrize(("accept", "media_type"), [
    (";;;,,,q=foo, text/turtle", "text/turtle"),
    ("text/turtle;q=abc, application/n-triples;q=0.5", "application/n-triples"),
    ("*/*;q=0.001", "text/html"),
    ("TEXT/TURTLE", "text/turtle"),
    ("text/turtle; charset=utf-8", "text/turtle"),  # parameters choose nothing here
    ('application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"',
     "application/ld+json"),
    (",".join(f"application/x-type-{number}" for number in range(2000)) + ",text/turtle;q=0.1",
     "text/turtle"),
])
def test_odd_but_satisfiable_accept_headers_are_answered(client, accept, media_type):
    response = client.get("/doc/municipality/kubrat", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.mimetype == media_type


def test_a_charset_parameter_does_not_make_sparql_results_unacceptable(client):
    response = client.get("/sparql?query=" + quote("ASK {}"), headers={
        "Accept": "application/sparql-results+json; charset=utf-8"})
    assert response.status_code == 200
    assert response.get_json()["boolean"] is True


def test_a_q_zero_on_a_type_is_not_undone_through_its_alias(client):
    """``text/plain`` names N-Triples too, but the answer would be labelled
    application/n-triples, which this client refuses."""
    response = client.get("/doc/municipality/kubrat",
                          headers={"Accept": "text/plain, application/n-triples;q=0"})
    _assert_plain_refusal(response, 406)
    alias_only = client.get("/doc/municipality/kubrat", headers={"Accept": "text/plain"})
    assert alias_only.mimetype == "application/n-triples"


@pytest.mark.parametrize("header", ["Accept-Language", "Accept-Encoding", "If-None-Match",
                                    "If-Modified-Since", "Range"])
def test_absurd_values_of_other_headers_do_not_break_a_page(client, header):
    for value in ("x" * 10_000, ";;;,,,q=abc", "\x7f\x01", "*;q=2, bg;q=nan"):
        response = client.get("/doc/municipality/kubrat", headers={
            "Accept": "text/turtle", header: value})
        assert response.status_code == 200, (header, value)
        assert response.mimetype == "text/turtle"


@pytest.mark.parametrize("path", [
    "/download/../manifest.json",
    "/download/..%2fmanifest.json",
    "/download/%2e%2e/manifest.json",
    "/download/%2e%2e%2fmanifest.json",
    "/download/%2E%2E%2F%2E%2E%2Fcurrent%2Fmanifest.json",
    "/download/..%5cmanifest.json",
    "/download/....//manifest.json",
    "/download/%2fetc%2fpasswd",
    "/download//etc/passwd",
    "/download/%00",
    "/download/kubrat.ttl%00",
    "/download/kubrat.ttl%00.sha256",
    "/download/kubrat.ttl/",
    "/download/./kubrat.ttl/..",
    "/download/manifest.json",
    "/download/%2e",
    "/download/KUBRAT.TTL",
    "/download/..%c0%af..%c0%afmanifest.json",  # overlong UTF-8 for '/'
    "/download/" + "%2e%2e%2f" * 40 + "etc%2fpasswd",
    "/download/../../../../../../../../etc/passwd.sha256",
])
def test_download_never_serves_a_file_outside_the_release(client, release, path):
    with client.get(path) as response:
        text = _assert_plain_refusal(response, 404)
    assert release.version not in text and "sources_digest" not in text
    assert "root:" not in text


def test_absolute_and_traversing_names_never_reach_the_file_system(client, release,
                                                                   monkeypatch):
    """The name is looked up in the manifest, never joined to a path: a traversing name
    does not even open a file."""
    opened = []
    monkeypatch.setattr("coopgraph.web.downloads.send_file",
                        lambda path, **kwargs: opened.append(path))
    for name in ("/etc/passwd", "../manifest.json", str(release.path / "manifest.json")):
        assert client.get("/download/" + quote(name, safe="")).status_code == 404
    assert opened == []


@pytest.mark.parametrize("path", [
    "/municipality/%00",
    "/doc/municipality/%00",
    "/municipality/a%20b",
    "/doc/municipality/a%20b",
    "/doc/municipality/a%3Cb%3E",
    "/municipality/%22quoted%22",
    "/doc/municipality/%FF",
    "/municipality/%FF%FE",
    "/doc/municipality/%7B%7D%7C%5E%60",
    "/doc/municipality/a%0Ab.ttl",  # no route matches a newline: Flask's own 404
    "/municipality/%E2%80%8Bzero-width",
    "/municipality/кубрат",
    "/doc/municipality/Кубрат.ttl",
    "/doc/" + "long-" * 2000,
    "/" + "a/" * 3000,
    "/doc/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/doc/municipality/kubrat%2F..%2F..%2Fsources",
    "/municipality/kubrat%23fragment",
])
def test_odd_resource_paths_are_404(client, path):
    """Characters that cannot be in an IRI (controls, spaces, brackets, bytes that are not
    UTF-8) name nothing; other unknown names (Cyrillic, very long) are unknown. A very long
    name is not repeated in full."""
    response = client.get(path, headers={"Accept": "text/turtle"})
    text = _assert_plain_refusal(response, 404)
    assert "nothing is known" in text or "not found" in text


@pytest.mark.parametrize(("content_type", "body"), [
    (SPARQL_QUERY, b"ASK {}" + b" " * (1 << 20)),
    (FORM, b"query=ASK%7B%7D&pad=" + b"x" * (1 << 20)),
    (SPARQL_UPDATE, b"DROP ALL " + b" " * (2 << 20)),
    ("text/plain", b"x" * (3 << 20)),
])
def test_a_body_over_one_mebibyte_is_413(client, content_type, body):
    response = client.post("/sparql", data=body, headers={"Content-Type": content_type})
    _assert_plain_refusal(response, 413)


def test_a_body_just_under_the_cap_is_read(client):
    """The cap counts bytes of the body; a legitimate form a little under it is answered."""
    body = b"query=ASK%7B%7D&pad=" + b"x" * ((1 << 20) - 100)
    response = client.post("/sparql", data=body, headers={"Content-Type": FORM})
    assert response.status_code == 200
    assert response.get_json()["boolean"] is True


UPDATES = [
    "INSERT DATA { <https://example.org/s> <https://example.org/p> 1 }",
    f"DELETE WHERE {{ <{SUBJECT}> ?p ?o }}",
    "LOAD <https://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP DEFAULT",
    "DROP ALL",
    "CREATE GRAPH <https://example.org/g>",
    "COPY DEFAULT TO <https://example.org/g>",
]


@pytest.mark.parametrize("update", UPDATES)
@pytest.mark.parametrize("how", ["form", "direct", "url", "url-get", "form-and-query"])
def test_updates_are_refused_and_the_data_is_unchanged(client, update, how):
    before = _triple_count(client)
    if how == "form":
        response = client.post("/sparql", data={"update": update})
    elif how == "direct":
        response = client.post("/sparql", data=update.encode(),
                               headers={"Content-Type": SPARQL_UPDATE})
    elif how == "url":
        response = client.post("/sparql?" + urlencode({"update": update}))
    elif how == "url-get":
        response = client.get("/sparql?" + urlencode({"update": update}))
    else:
        response = client.post("/sparql", data={"query": "ASK {}", "update": update})
    assert "read-only" in _assert_plain_refusal(response, 403)
    assert _triple_count(client) == before


@pytest.mark.parametrize("update", UPDATES)
def test_updates_sent_as_queries_are_malformed_queries_and_change_nothing(client, update):
    before = _triple_count(client)
    for response in (
            client.get("/sparql?" + urlencode({"query": update})),
            client.post("/sparql", data=update.encode(), headers={"Content-Type": SPARQL_QUERY}),
            client.post("/sparql", data={"query": "PREFIX ex: <https://example.org/>\n" + update})):
        message = _assert_plain_refusal(response, 400)
        assert "read-only" in message and f"{update.split()[0]} is SPARQL Update" in message
    assert _triple_count(client) == before


def test_a_query_that_only_mentions_an_update_keyword_is_a_syntax_error(client):
    response = client.get("/sparql?" + urlencode({"query": 'SELECT "INSERT" WHERE { ?s ?p }'}))
    assert "syntax error" in _assert_plain_refusal(response, 400)
