"""Choose a representation: an explicit format (``format`` parameter or file suffix) wins,
else the Accept header with its q-values, else the first offered format.

werkzeug's Accept parser does the parsing (quality values, wildcards, specificity); this module
only maps media types to the formats of ``formats.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from werkzeug.datastructures import LanguageAccept, MIMEAccept
from werkzeug.http import parse_accept_header

from coopgraph.errors import NotAcceptable
from coopgraph.formats import FORMATS_BY_KEY, Format, format_for_media_type


def _requested(requested: str, offered: Sequence[Format]) -> Format:
    fmt = FORMATS_BY_KEY.get(requested.lower()) or format_for_media_type(requested)
    if fmt is None or fmt not in offered:
        raise NotAcceptable(
            f"format '{requested}' is not available here",
            hint="available: " + ", ".join(f"{f.key} ({f.media_type})" for f in offered))
    return fmt


def _accepted(accept: str) -> MIMEAccept:
    """The Accept header with the media types' parameters dropped: none of them (charset,
    profile) chooses between our representations, and werkzeug matches
    ``text/turtle;charset=utf-8`` only to a type with that very parameter."""
    return MIMEAccept([(value.split(";", 1)[0].strip(), quality)
                       for value, quality in parse_accept_header(accept, MIMEAccept)])


def _refused(accepted: MIMEAccept, media_type: str) -> bool:
    """Whether the most specific range of the Accept header that matches ``media_type``
    gives it q=0 (``text/turtle;q=0``, or ``*/*;q=0`` with nothing more specific)."""
    return media_type in accepted and accepted.quality(media_type) == 0


def negotiate(accept: str | None, offered: Sequence[Format],
              requested: str | None = None) -> Format:
    """The format to answer in. ``offered`` is in order of preference (it breaks ties between
    equal q-values); ``requested`` is an explicit format key or media type. Raises
    :class:`NotAcceptable` when nothing offered is acceptable. Answers are cached, refusals
    too: clients send the same few Accept headers again and again (and every query request
    asks for a format of each kind, one of which its Accept header usually refuses)."""
    chosen = _negotiate(accept, tuple(offered), requested)
    if isinstance(chosen, Format):
        return chosen
    message, hint = chosen
    raise NotAcceptable(message, hint=hint)


@lru_cache(maxsize=512)
def _negotiate(accept: str | None, offered: tuple[Format, ...],
               requested: str | None) -> Format | tuple[str, str]:
    """The format, or the message and hint of the refusal."""
    try:
        return _best(accept, offered, requested)
    except NotAcceptable as refusal:
        return refusal.message, refusal.hint


def _best(accept: str | None, offered: tuple[Format, ...], requested: str | None) -> Format:
    if requested:
        return _requested(requested, offered)
    if not accept or not accept.strip():
        return offered[0]
    accepted = _accepted(accept)
    # Canonical media types first: a wildcard must pick a type we then answer with, and a
    # q=0 on a canonical type must not be undone through one of its aliases (the answer is
    # labelled with the canonical type, which the client refused).
    candidates = [fmt.media_type for fmt in offered]
    candidates += [alias for fmt in offered if not _refused(accepted, fmt.media_type)
                   for alias in fmt.other_media_types]
    best = accepted.best_match(candidates)
    if best is None:
        raise NotAcceptable(
            f"none of the formats this resource has is acceptable ({accept[:200]})",
            hint="acceptable here: " + ", ".join(f.media_type for f in offered))
    return format_for_media_type(best)


def choose_media_type(accept: str | None, candidates: Sequence[str]) -> str:
    """The best of plain media types (error bodies, pages); the first when nothing fits."""
    if not accept or not accept.strip():
        return candidates[0]
    return _accepted(accept).best_match(candidates) or candidates[0]


def choose_language(accept_language: str | None, languages: Sequence[str]) -> str:
    """The reader's language from Accept-Language (``bg-BG`` matches ``bg``); else the first."""
    if not accept_language or not accept_language.strip():
        return languages[0]
    accepted = parse_accept_header(accept_language, LanguageAccept)
    return accepted.best_match(languages) or languages[0]
