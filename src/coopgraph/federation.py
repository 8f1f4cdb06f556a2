"""SERVICE (federated query) policy: off unless the endpoint is on an allow-list.

A public endpoint that fetches any URL a query names is a server-side request forgery hole,
and Oxigraph runs SERVICE clauses itself. pyoxigraph exposes no query parser, so the check is
lexical, built to fail safe: a query whose text (after SPARQL's \\u escapes are applied) does
not contain the letters "service" cannot hold a SERVICE clause; otherwise strings, IRIs and
comments are removed and every remaining SERVICE keyword must name an allowed endpoint IRI
(a variable endpoint is never allowed).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from coopgraph.errors import FederationRefused

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_STRIPPED = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*",
)
_SERVICE = re.compile(r"(?<![\w:?$@-])SERVICE(?![\w:-])(?:\s+SILENT)?\s*(<\d+>|\S+)?",
                      re.IGNORECASE)


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def masked(text: str) -> tuple[str, list[str]]:
    """The query with strings and comments blanked out and each IRI replaced by ``<n>``, its
    number in the returned list (so no IRI text can look like a keyword)."""
    iris: list[str] = []

    def mask(match: re.Match) -> str:
        token = match.group(0)
        if token.startswith("<"):
            iris.append(token[1:-1])
            return f"<{len(iris) - 1}>"
        return " " * len(token)

    return _STRIPPED.sub(mask, text), iris


def check_federation(query: str, allowed_endpoints: Collection[str]) -> None:
    """Raise :class:`FederationRefused` unless every SERVICE names an allowed endpoint."""
    text = _unescape(query) if "\\u" in query or "\\U" in query else query
    if "service" not in text.lower():
        return
    code, iris = masked(text)
    for match in _SERVICE.finditer(code):
        endpoint = (match.group(1) or "").strip()
        iri = iris[int(endpoint[1:-1])] if re.fullmatch(r"<\d+>", endpoint) else None
        if iri is None or iri not in allowed_endpoints:
            shown = f"<{iri}>" if iri is not None else endpoint or "(none)"
            raise FederationRefused(
                f"federated queries (SERVICE {shown}) are not allowed on this endpoint",
                hint="the operator can allow endpoints with the service_allow_list setting"
                if not allowed_endpoints else "allowed: " + ", ".join(sorted(allowed_endpoints)))
