"""SPARQL 1.1 Protocol decoding over generated requests: any method, content type, query
string and body end in a QueryRequest, None (describe the service) or a ProtocolError, and a
query sent in any of the three ways comes back exactly as sent.

Part of issue 5, "Hold up under load, hostile queries and bad data".
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from hypothesis import given
from hypothesis import strategies as st

from coopgraph.errors import ProtocolError
from coopgraph.protocol import FORM, SPARQL_QUERY, SPARQL_UPDATE, QueryRequest, parse_query_request

METHODS = ["GET", "HEAD", "POST", "OPTIONS", "PUT", "DELETE", "PATCH", "get", "PROPFIND", ""]
CONTENT_TYPES = [None, "", FORM, SPARQL_QUERY, SPARQL_UPDATE, f"{FORM}; charset=UTF-8",
                 f"{SPARQL_QUERY}; charset=latin-1", f"{SPARQL_QUERY};charset=", "text/plain",
                 "multipart/form-data; boundary=x", ";;;", "APPLICATION/SPARQL-QUERY"]
NAMES = ["query", "update", "default-graph-uri", "named-graph-uri", "format", "x", ""]

# Text a person could type as a query: any characters UTF-8 can carry.
query_text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=200).filter(
    str.strip)


@st.composite
def raw_parameters(draw) -> bytes:
    """A query string or form body: well-formed pairs, broken escapes, raw bytes."""
    parts = draw(st.lists(st.one_of(
        st.tuples(st.sampled_from(NAMES), st.text(max_size=30)).map(
            lambda pair: f"{quote(pair[0])}={quote(pair[1], safe='')}".encode(
                "utf-8", "surrogatepass")),
        st.sampled_from([b"%", b"%Z", b"%E0%A4%A", b"%FF", b"%ED%A0%80", b"=", b"&&", b"+",
                         b"query", b"query=", b"\xff\xfe", b";"]),
        st.binary(max_size=20)), max_size=8))
    return b"&".join(parts)


@given(st.sampled_from(METHODS) | st.text(max_size=10),
       st.sampled_from(CONTENT_TYPES) | st.text(max_size=40),
       raw_parameters(), raw_parameters() | st.binary(max_size=200))
def test_any_request_is_decoded_or_refused_with_a_protocol_error(method, content_type,
                                                                 query_string, body):
    try:
        decoded = parse_query_request(method, content_type, query_string, body)
    except ProtocolError as error:
        assert error.message
        return
    assert decoded is None or isinstance(decoded, QueryRequest)
    if decoded is not None:
        assert decoded.query.strip()
        assert all(":" in iri for iri in decoded.default_graph_uris + decoded.named_graph_uris)


@given(query_text)
def test_a_query_in_the_url_comes_back_exactly(query):
    decoded = parse_query_request("GET", None, urlencode({"query": query}).encode(), b"")
    assert decoded == QueryRequest(query)


@given(query_text, st.sampled_from([FORM, f"{FORM}; charset=utf-8"]))
def test_a_query_in_a_form_comes_back_exactly(query, content_type):
    decoded = parse_query_request("POST", content_type, b"", urlencode({"query": query}).encode())
    assert decoded == QueryRequest(query)


@given(query_text, st.sampled_from([SPARQL_QUERY, f"{SPARQL_QUERY}; charset=UTF-8",
                                    f'{SPARQL_QUERY};charset="utf-8"']))
def test_a_query_as_the_body_comes_back_exactly(query, content_type):
    decoded = parse_query_request("POST", content_type, b"", query.encode("utf-8"))
    assert decoded == QueryRequest(query)


@given(query_text, st.binary(min_size=1, max_size=50))
def test_a_body_that_is_not_utf8_is_a_protocol_error_never_a_mangled_query(query, junk):
    body = query.encode() + junk
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        try:
            parse_query_request("POST", SPARQL_QUERY, b"", body)
        except ProtocolError as error:
            assert "UTF-8" in error.message
        else:
            raise AssertionError("an undecodable body was accepted")
