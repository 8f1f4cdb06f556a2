"""The embedded store: Oxigraph (pyoxigraph), one named graph per source file.

The default graph of a query is the union of all named graphs, so plain patterns see every
statement and ``GRAPH ?g`` tells which source states it.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph

from coopgraph.errors import LoadError
from coopgraph.loading import read_text, syntax_error
from coopgraph.sources import SourceFile, check_unique_stems
from coopgraph.vocab import graph_iri


def vocabulary_graph_iri(base_iri: str, source: SourceFile) -> str:
    """Graph of an ontology or concept-scheme file: ``{base}graph/vocabulary/{stem}``."""
    return str(graph_iri(base_iri, f"vocabulary/{source.stem}"))


def _load_file(store: pyoxigraph.Store, source: SourceFile, graph: str, base_iri: str) -> None:
    text = read_text(source)
    try:
        store.load(text, format=source.format.oxigraph, base_iri=base_iri,
                   to_graph=pyoxigraph.NamedNode(graph))
    except SyntaxError as error:
        raise syntax_error(source, error) from None
    except OSError as error:  # pragma: no cover - disk trouble while loading
        raise LoadError(f"cannot load the file: {error}", location=source.name) from None


def load_store(data_files: Iterable[SourceFile], vocabulary_files: Iterable[SourceFile],
               base_iri: str) -> pyoxigraph.Store:
    """An in-memory store holding every file in its own named graph."""
    data_files = list(data_files)
    check_unique_stems(data_files)
    store = pyoxigraph.Store()
    for source in vocabulary_files:
        _load_file(store, source, vocabulary_graph_iri(base_iri, source), base_iri)
    for source in data_files:
        _load_file(store, source, str(graph_iri(base_iri, source.stem)), base_iri)
    return store
