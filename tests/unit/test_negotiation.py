"""Choosing representations from Accept headers and explicit formats."""

import pytest

from coopgraph.errors import NotAcceptable
from coopgraph.formats import FormatKind, formats_of
from coopgraph.negotiation import choose_media_type, negotiate

GRAPH = formats_of(FormatKind.GRAPH)
RESULTS = formats_of(FormatKind.RESULTS)


def test_turtle_preferred_when_q_equal():
    assert negotiate("application/ld+json, text/turtle", GRAPH).key == "turtle"


def test_higher_q_wins():
    assert negotiate("text/turtle;q=0.4, application/ld+json;q=0.9", GRAPH).key == "jsonld"


def test_no_accept_header_gives_the_first_offered():
    assert negotiate(None, RESULTS).key == "json"
    assert negotiate("", GRAPH).key == "turtle"


def test_wildcards():
    assert negotiate("application/*", GRAPH).media_type.startswith("application/")
    assert negotiate("text/*;q=0.9, */*;q=0.1", RESULTS).key == "csv"


def test_q_zero_excludes():
    assert negotiate("text/turtle;q=0, */*;q=0.5", GRAPH).key == "ntriples"


def test_aliases_map_to_the_format():
    assert negotiate("application/json", RESULTS).key == "json"


def test_explicit_format_wins_and_is_checked():
    assert negotiate("text/turtle", GRAPH, requested="jsonld").key == "jsonld"
    assert negotiate(None, RESULTS, requested="text/csv").key == "csv"
    with pytest.raises(NotAcceptable, match="not available"):
        negotiate(None, RESULTS, requested="turtle")


def test_nothing_acceptable_raises_with_the_offer():
    with pytest.raises(NotAcceptable) as caught:
        negotiate("image/png", GRAPH)
    assert "text/turtle" in caught.value.hint


@pytest.mark.parametrize("accept", [";;;,,,q=foo", "text/turtle;q=abc", "*/*;q=-1", "\x00"])
def test_absurd_accept_headers_give_a_format_or_not_acceptable(accept):
    try:
        assert negotiate(accept, GRAPH) in GRAPH
    except NotAcceptable as error:
        assert error.hint


def test_choose_media_type_falls_back_to_the_first():
    assert choose_media_type("image/png", ["text/plain", "text/html"]) == "text/plain"
    assert choose_media_type("text/html,*/*;q=0.8", ["text/plain", "text/html"]) == "text/html"
