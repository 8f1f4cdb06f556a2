"""Any request path, query string, method and Accept header sent to the app gets an answer
below 500, and an error answer is a short text without a traceback.

Part of issue 5, "Hold up under load, hostile queries and bad data".
"""

from __future__ import annotations

from urllib.parse import quote, unquote_to_bytes

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PREFIXES = ["", "doc/", "doc/municipality/", "municipality/", "download/", "sparql", "sparql/",
            "queries/", "classes/", "classes/municipality", "ontology", "ontology.", "scheme/",
            ".well-known/void", "catalog", "network", "network.svg", "static/", "favicon.ico"]
SUFFIXES = ["", ".ttl", ".nt", ".jsonld", ".rdf", ".trig", ".nq", ".html", ".sha256", "/",
            "%00", "%2F..", "/..", "%ZZ", "%E0%A4%A"]
NAMES = ["query", "update", "format", "lang", "page", "default-graph-uri", "named-graph-uri",
         "x"]

names = st.text(max_size=40) | st.sampled_from(["kubrat", "kubrat.ttl", "..", ".", "amal"])
query_strings = st.lists(st.tuples(st.sampled_from(NAMES), st.text(max_size=40)),
                         max_size=4).map(lambda pairs: "&".join(
                             f"{name}={quote(value, safe='')}" for name, value in pairs))
accepts = st.none() | st.sampled_from(["text/html", "text/turtle", "application/json",
                                       "image/png", "*/*;q=abc", "text/plain"]) | st.text(
    st.characters(codec="latin-1", exclude_characters="\r\n"), max_size=60)

# One request is cheap, so a few hundred fit in a few seconds.
several_hundred = settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])


def _request(client, path: str, query_string: str = "", **kwargs):
    """Send ``path`` as a WSGI server hands it over: percent-decoded bytes in PATH_INFO (as
    latin-1), the query string as it came. (The test client would read ``//x`` as a host.)"""
    return client.open("/", environ_overrides={
        "PATH_INFO": unquote_to_bytes(path).decode("latin-1"),
        "QUERY_STRING": query_string.encode("utf-8", "surrogatepass").decode("latin-1")},
        **kwargs)


def _assert_answered(response) -> None:
    text = response.get_data(as_text=True)
    assert response.status_code < 500, (response.status_code, text[:300])
    if response.status_code >= 400:
        assert "Traceback" not in text and 'File "' not in text
        assert response.mimetype in ("text/plain", "text/html", "application/json")


@several_hundred
@given(st.sampled_from(PREFIXES), names, st.sampled_from(SUFFIXES), query_strings, accepts,
       st.sampled_from(["GET", "HEAD", "POST", "OPTIONS", "DELETE", "PROPFIND"]))
def test_any_path_below_a_known_prefix_is_answered_below_500(property_client, prefix, name,
                                                             suffix, query_string, accept,
                                                             method):
    path = "/" + prefix + quote(name, safe="/") + suffix
    headers = {"Accept": accept} if accept is not None else {}
    with _request(property_client, path, query_string, method=method,
                  headers=headers) as response:
        _assert_answered(response)


@several_hundred
@given(st.text(min_size=1, max_size=200))
def test_any_raw_path_is_answered_below_500(property_client, raw):
    """Any text as the path, also what a browser would escape (spaces, controls, ``?``)."""
    with _request(property_client, "/" + quote(raw, safe="/")) as response:
        _assert_answered(response)
