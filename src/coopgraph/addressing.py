"""Map between IRIs and the paths this server answers on, by configuration, not guesswork.

Dataset IRIs live under ``base_iri``: ``{base_iri}municipality/kubrat`` is served at
``/municipality/kubrat``. Vocabulary IRIs live under the fixed vocabulary namespace
``https://w3id.org/coopgraph/``: the ontology document at ``/ontology``, concept schemes at
``/scheme/...``. A deployment behind a proxy or on another host only sets ``base_iri`` (and
``public_url`` for absolute links).
"""

from __future__ import annotations

from urllib.parse import quote

from coopgraph.vocab import ONTOLOGY_IRI, VOCABULARY_BASE

VOCABULARY_PATHS = ("ontology", "scheme/")


def iri_for_path(path: str, base_iri: str) -> str:
    """The IRI a request path (without the leading ``/``, percent-decoded) names."""
    if path == "ontology" or path.startswith("ontology/") or path.startswith("scheme/"):
        return VOCABULARY_BASE + path
    return base_iri + path


def path_for_iri(iri: str, base_iri: str) -> str | None:
    """The local path (with leading ``/``, percent-encoded) that serves ``iri``, if any."""
    iri = iri.split("#", 1)[0]
    if iri.startswith(base_iri):
        local = iri[len(base_iri):]
    elif iri == str(ONTOLOGY_IRI) or iri.startswith(VOCABULARY_BASE + "scheme/"):
        local = iri[len(VOCABULARY_BASE):]
    else:
        return None
    return "/" + quote(local, safe="/-._~!$&'()*+,;=:@")

