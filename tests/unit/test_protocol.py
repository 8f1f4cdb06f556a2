"""Decoding SPARQL 1.1 Protocol requests (a pure function)."""

from urllib.parse import urlencode

import pytest

from coopgraph.errors import MethodNotAllowed, ProtocolError, UnsupportedMediaType, UpdateRefused
from coopgraph.protocol import QueryRequest, parse_query_request

ASK = "ASK {}"


def _qs(*pairs) -> bytes:
    return urlencode(list(pairs)).encode()


def test_get_with_query_and_dataset():
    request = parse_query_request("GET", None, _qs(("query", ASK), ("default-graph-uri", "http://g/1"),
                                                   ("named-graph-uri", "http://g/2")), b"")
    assert request == QueryRequest(ASK, ("http://g/1",), ("http://g/2",))


def test_get_without_query_asks_for_the_service_description():
    assert parse_query_request("GET", None, b"", b"") is None


def test_post_form():
    request = parse_query_request("POST", "application/x-www-form-urlencoded; charset=UTF-8", b"",
                                  _qs(("query", ASK), ("format", "csv")))
    assert request == QueryRequest(ASK, format="csv")


def test_post_direct_takes_the_dataset_from_the_url():
    request = parse_query_request("POST", "application/sparql-query",
                                  _qs(("named-graph-uri", "http://g/2")), ASK.encode())
    assert request.named_graph_uris == ("http://g/2",)


@pytest.mark.parametrize(("method", "content_type", "query_string", "body", "error"), [
    ("GET", None, _qs(("query", ASK), ("query", ASK)), b"", ProtocolError),
    ("POST", "application/x-www-form-urlencoded", _qs(("query", ASK)), _qs(("query", ASK)),
     ProtocolError),
    ("POST", "application/sparql-query", _qs(("query", ASK)), ASK.encode(), ProtocolError),
    ("POST", None, b"", _qs(("query", ASK)), UnsupportedMediaType),
    ("POST", "text/plain", b"", ASK.encode(), UnsupportedMediaType),
    ("POST", "application/sparql-query; charset=UTF-16", b"", ASK.encode("utf-16"),
     UnsupportedMediaType),
    ("POST", "application/sparql-query", b"", b"ASK {\xff}", ProtocolError),
    ("POST", "application/x-www-form-urlencoded", b"", b"query=%FF", ProtocolError),
    ("POST", "application/sparql-update", b"", b"CLEAR ALL", UpdateRefused),
    ("POST", "application/x-www-form-urlencoded", b"", _qs(("update", "CLEAR ALL")),
     UpdateRefused),
    ("GET", None, _qs(("update", "CLEAR ALL")), b"", UpdateRefused),
    ("PUT", "application/sparql-query", b"", ASK.encode(), MethodNotAllowed),
    ("GET", None, _qs(("query", "  ")), b"", ProtocolError),
    ("GET", None, _qs(("default-graph-uri", "http://g/1")), b"", ProtocolError),
    ("GET", None, _qs(("query", ASK), ("default-graph-uri", "not an iri")), b"", ProtocolError),
])
def test_bad_requests_raise_the_matching_error(method, content_type, query_string, body, error):
    with pytest.raises(error) as caught:
        parse_query_request(method, content_type, query_string, body)
    assert caught.value.message
