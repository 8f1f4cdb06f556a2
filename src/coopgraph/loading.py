"""Read source files into one graph, remembering where every triple came from.

Each file is read as strict UTF-8, checked by a strict W3C parser (Oxigraph's, which reports
``line:column`` and what it expected), then parsed again by rdflib with positions recorded
(see positions.py). Data files also register their named graph: the loader states
``<{base}graph/{stem}> a coop:DataGraph`` at line 1 of the file, so shapes can demand that
every graph names its source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph
from rdflib import Graph
from rdflib.namespace import RDF

from coopgraph.errors import LoadError, SourcePosition
from coopgraph.positions import PositionIndex, parse_with_positions
from coopgraph.sources import SourceFile, check_unique_stems
from coopgraph.vocab import COOP, graph_iri

_PARSER_PREFIX = re.compile(r"^Parser error (at line \d+ between columns \d+ and \d+|"
                            r"between line \d+ column \d+ and line \d+ column \d+|"
                            r"at line \d+ column \d+|at line \d+): ")
_LONE_CARRIAGE_RETURN = re.compile(r"\r(?!\n)")


@dataclass
class LoadedSources:
    """The union graph of the loaded files and the position of each triple in them."""

    graph: Graph
    positions: PositionIndex
    base_iri: str
    data_files: list[SourceFile] = field(default_factory=list)
    vocabulary_files: list[SourceFile] = field(default_factory=list)


def read_text(source: SourceFile) -> str:
    """The file's text; anything but UTF-8 is an error at the offending byte."""
    try:
        data = source.path.read_bytes()
    except OSError as error:
        raise LoadError(f"cannot read the file: {error.strerror}", location=source.name) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise LoadError(
            f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x})",
            location=SourcePosition(source.name, line, column),
            hint="save the file as UTF-8") from None


def syntax_error(source: SourceFile, error: SyntaxError) -> LoadError:
    """Oxigraph's parse error as a LoadError at ``file:line:column``."""
    message = _PARSER_PREFIX.sub("", str(error.msg))
    return LoadError(f"syntax error: {message}",
                     location=SourcePosition(source.name, error.lineno, error.offset))


def check_syntax(source: SourceFile, text: str, base_iri: str) -> None:
    """Run the strict parser over ``text``; a syntax error becomes a positioned LoadError."""
    try:
        for _ in pyoxigraph.parse(text, format=source.format.oxigraph, base_iri=base_iri):
            pass
    except SyntaxError as error:
        raise syntax_error(source, error) from None


def second_parser_error(source: SourceFile, text: str, error: SyntaxError) -> LoadError:
    """rdflib's parser (the one that records positions) refused a file the strict parser
    accepted. The known case: a carriage return without a line feed, which Turtle allows as
    white space and rdflib does not."""
    line = getattr(error, "lines", None)
    why = getattr(error, "_why", None) or str(error)
    hint = ("a carriage return without a line feed is not read here: save the file with LF "
            "or CRLF line endings" if _LONE_CARRIAGE_RETURN.search(text) else None)
    return LoadError(f"syntax error: {why}", hint=hint,
                     location=SourcePosition(source.name, line + 1 if line is not None else 1))


def _parse_into(graph: Graph, index: PositionIndex, source: SourceFile, base_iri: str) -> None:
    text = read_text(source)
    check_syntax(source, text, base_iri)
    try:
        parse_with_positions(text, graph, base_iri, index, source.name)
    except SyntaxError as error:
        raise second_parser_error(source, text, error) from None


def load_sources(data_files: Iterable[SourceFile], vocabulary_files: Iterable[SourceFile],
                 base_iri: str) -> LoadedSources:
    """Load the ontology and concept schemes (``vocabulary_files``) and the data files into
    one graph. Stops at the first file that cannot be read."""
    data_files, vocabulary_files = list(data_files), list(vocabulary_files)
    check_unique_stems(data_files)
    loaded = LoadedSources(Graph(bind_namespaces="none"), PositionIndex(), base_iri,
                           data_files, vocabulary_files)
    for source in vocabulary_files:
        _parse_into(loaded.graph, loaded.positions, source, base_iri)
    for source in data_files:
        _parse_into(loaded.graph, loaded.positions, source, base_iri)
        registration = (graph_iri(base_iri, source.stem), RDF.type, COOP.DataGraph)
        loaded.graph.add(registration)
        loaded.positions.add_triple(loaded.positions.files.index(source.name), registration, 1)
    return loaded


def load_graph(files: Iterable[SourceFile], base_iri: str) -> Graph:
    """Parse files into one graph without positions (for shapes)."""
    graph = Graph(bind_namespaces="none")
    for source in files:
        text = read_text(source)
        check_syntax(source, text, base_iri)
        try:
            graph.parse(data=text, format=source.format.rdflib, publicID=base_iri)
        except SyntaxError as error:
            raise second_parser_error(source, text, error) from None
    return graph
