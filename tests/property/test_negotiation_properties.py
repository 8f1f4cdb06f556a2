"""Content negotiation over generated Accept headers: it never fails with anything but
NotAcceptable, and what it picks is a format the client accepts at the highest weight it
gives any format on offer (checked against a small model of RFC 9110's rules, not against
werkzeug, which does the parsing).

Part of issue 5, "Hold up under load, hostile queries and bad data".
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from coopgraph.errors import NotAcceptable
from coopgraph.formats import FORMATS, FormatKind, formats_of
from coopgraph.negotiation import choose_language, choose_media_type, negotiate
from coopgraph.web.resources import DOCUMENT_FORMATS
from coopgraph.web.workbench import ANSWER_FORMATS

OFFERS = [formats_of(FormatKind.GRAPH), formats_of(FormatKind.RESULTS), DOCUMENT_FORMATS,
          ANSWER_FORMATS]
KNOWN_TYPES = sorted({media_type for fmt in FORMATS for media_type in fmt.media_types})
RANGES = [*KNOWN_TYPES, "*/*", "text/*", "application/*", "image/*", "image/png", "video/mp4",
          "application/x-unknown", "text/x-unknown"]
VALID_WEIGHTS = ["0", "0.0", "0.001", "0.3", "0.5", "0.9", "1", "1.0"]

offers = st.sampled_from(OFFERS)
weights = st.sampled_from(VALID_WEIGHTS)
# A media type parameter, which chooses nothing among our formats.
parameters = st.sampled_from(["", ";charset=utf-8", "; charset=UTF-8", ';profile="urn:x"'])


@st.composite
def accept_items(draw) -> tuple[str, str, float | None]:
    """(text of one Accept item, its range, its weight or None for the default 1)."""
    media_range = draw(st.sampled_from(RANGES))
    written = draw(st.sampled_from([media_range, media_range.upper()]))
    weight = draw(st.none() | weights)
    parameter = draw(parameters)
    if weight is None:
        return written + parameter, media_range, None
    text = draw(st.sampled_from([f"{written}{parameter};q={weight}",
                                 f"{written};q={weight}{parameter}",
                                 f"{written} ; q={weight}"]))
    return text, media_range, float(weight)


def _matches(media_range: str, media_type: str) -> tuple[bool, int]:
    """Whether ``media_range`` covers ``media_type``, and how specific it is (2 exact, 1
    ``type/*``, 0 ``*/*``)."""
    kind, subtype = media_range.split("/")
    wanted_kind, wanted_subtype = media_type.split("/")
    if media_range == "*/*":
        return True, 0
    if subtype == "*":
        return kind == wanted_kind, 1
    return (kind, subtype) == (wanted_kind, wanted_subtype), 2


def _quality(items: list[tuple[str, str, float | None]], media_type: str) -> float | None:
    """RFC 9110: the most specific range that covers the type gives its weight (the highest
    one when a client repeats a range); None when no range covers it."""
    found = [(specificity, 1.0 if weight is None else weight)
             for _, media_range, weight in items
             for covered, specificity in [_matches(media_range, media_type)] if covered]
    return max(found)[1] if found else None


def _format_quality(items, fmt) -> float:
    """A format is acceptable through its media type or, unless that type is refused with
    q=0, through one of its aliases (``text/plain`` for N-Triples)."""
    own = _quality(items, fmt.media_type)
    if own == 0:
        return 0.0
    return max([own or 0.0, *(_quality(items, alias) or 0.0 for alias in fmt.other_media_types)])


@given(st.lists(accept_items(), min_size=1, max_size=8), offers,
       st.sampled_from([", ", ",", " , "]))
@example([("text/plain", "text/plain", None), ("application/n-triples;q=0",
                                                "application/n-triples", 0.0)],
         formats_of(FormatKind.GRAPH), ", ")
@example([("text/turtle; charset=utf-8", "text/turtle", None)], formats_of(FormatKind.GRAPH),
         ", ")
def test_the_chosen_format_is_one_the_client_accepts_most(items, offered, separator):
    accept = separator.join(text for text, _, _ in items)
    qualities = {fmt: _format_quality(items, fmt) for fmt in offered}
    best = max(qualities.values())
    try:
        chosen = negotiate(accept, offered)
    except NotAcceptable as error:
        assert best == 0, (accept, qualities)
        assert error.hint and all(fmt.media_type in error.hint for fmt in offered)
        return
    assert chosen in offered
    assert qualities[chosen] == best > 0, (accept, chosen.key, qualities)


accept_like_text = st.lists(
    st.one_of(st.sampled_from([*RANGES, "*", "*/html", "/", ";", "q=", "q=abc", ";q=2",
                               ";q=-1", ";q=nan", ";q=1e-3", ",", " ", "\t", '"', "\\"]),
              st.text(max_size=12)),
    max_size=12).map("".join)


@given(st.one_of(st.none(), st.text(max_size=300), accept_like_text), offers,
       st.one_of(st.none(), st.text(max_size=40), st.sampled_from(
           [fmt.key for fmt in FORMATS] + KNOWN_TYPES + ["TURTLE", "text/turtle;q=1"])))
def test_any_accept_header_and_format_give_an_offered_format_or_not_acceptable(
        accept, offered, requested):
    try:
        chosen = negotiate(accept, offered, requested)
    except NotAcceptable as error:
        assert error.message and error.hint
        return
    assert chosen in offered
    if requested:
        assert requested.lower() == chosen.key or requested.split(";")[0].strip().lower() in (
            chosen.media_types)


@given(st.one_of(st.none(), st.text(max_size=300), accept_like_text))
def test_error_bodies_and_pages_always_get_one_of_their_types(accept):
    candidates = ["text/plain", "text/html", "application/json"]
    assert choose_media_type(accept, candidates) in candidates


@given(st.one_of(st.none(), st.text(max_size=300), st.lists(st.sampled_from(
    ["bg", "en", "bg-BG", "en-GB", "*", ";q=0", ";q=abc", ",", "x-klingon", " "])).map("".join)))
def test_the_page_language_is_always_one_we_have(accept_language):
    assert choose_language(accept_language, ("en", "bg")) in ("en", "bg")
