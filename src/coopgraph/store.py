"""The embedded store: Oxigraph (pyoxigraph), one named graph per source file.

The store's default graph holds the union of all named graphs (written once, when the store is
loaded), so plain patterns see every statement, ``GRAPH ?g`` tells which source states it, and a
query's own ``FROM``/``FROM NAMED`` still works — which a union computed per query would hide.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph

from coopgraph.errors import LoadError
from coopgraph.loading import read_text, syntax_error
from coopgraph.sources import SourceFile, check_unique_stems
from coopgraph.vocab import graph_iri

UNION_INTO_DEFAULT_GRAPH = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


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
               base_iri: str, path: Path | None = None) -> pyoxigraph.Store:
    """A store holding every file in its own named graph: in memory, or on disk at ``path``."""
    data_files = list(data_files)
    check_unique_stems(data_files)
    store = pyoxigraph.Store(str(path)) if path is not None else pyoxigraph.Store()
    for source in vocabulary_files:
        _load_file(store, source, vocabulary_graph_iri(base_iri, source), base_iri)
    for source in data_files:
        _load_file(store, source, str(graph_iri(base_iri, source.stem)), base_iri)
    store.update(UNION_INTO_DEFAULT_GRAPH)
    return store


def data_graph_names(store: pyoxigraph.Store, base_iri: str) -> list[pyoxigraph.NamedNode]:
    """The named graphs that hold data (not the vocabulary), sorted."""
    vocabulary = str(graph_iri(base_iri, "vocabulary/"))
    return sorted((graph for graph in store.named_graphs()
                   if isinstance(graph, pyoxigraph.NamedNode)
                   and not graph.value.startswith(vocabulary)), key=lambda graph: graph.value)
