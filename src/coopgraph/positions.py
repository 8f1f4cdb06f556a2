"""Where each triple and each subject block stands in its source file.

pyshacl reports focus nodes, paths and values but no source positions. While a file is parsed
we record, for every triple, the line it ends on and, for every subject, the line its block
starts on; a validation result is then mapped back to ``file:line`` through this index.

The positions come from rdflib's Turtle parser (which also reads N-Triples, a subset of
Turtle): we hook the two points where it emits a triple and starts a subject's property list.
``tests/unit/test_positions.py`` pins this behaviour, so an rdflib upgrade that moves the
hooks fails a test instead of silently losing positions.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.parsers.notation3 import RDFSink, SinkParser
from rdflib.term import Node

from coopgraph.errors import SourcePosition

Triple = tuple[Node, Node, Node]

# A position is packed into one int (file number, line) to keep the index small at 1M triples.
_LINE_BITS = 32


def _pack(file_number: int, line: int) -> int:
    return (file_number << _LINE_BITS) | line


@dataclass
class PositionIndex:
    """First known position of every triple, subject block and object mention."""

    files: list[str] = field(default_factory=list)
    _triples: dict[Triple, int] = field(default_factory=dict)
    _subjects: dict[Node, int] = field(default_factory=dict)
    _objects: dict[Node, int] = field(default_factory=dict)

    def add_file(self, name: str) -> int:
        self.files.append(name)
        return len(self.files) - 1

    def add_triple(self, file_number: int, triple: Triple, line: int) -> None:
        packed = _pack(file_number, line)
        self._triples.setdefault(triple, packed)
        self._subjects.setdefault(triple[0], packed)
        if not isinstance(triple[2], Literal):
            self._objects.setdefault(triple[2], packed)

    def add_subject(self, file_number: int, subject: Node, line: int) -> None:
        """Record where a subject's block starts (it wins over the line of its first triple)."""
        packed = _pack(file_number, line)
        current = self._subjects.get(subject)
        if current is None or current >> _LINE_BITS == file_number and current > packed:
            self._subjects[subject] = packed

    def _position(self, packed: int | None) -> SourcePosition | None:
        if packed is None:
            return None
        return SourcePosition(self.files[packed >> _LINE_BITS], packed & ((1 << _LINE_BITS) - 1))

    def triple_position(self, triple: Triple) -> SourcePosition | None:
        return self._position(self._triples.get(triple))

    def subject_position(self, subject: Node) -> SourcePosition | None:
        return self._position(self._subjects.get(subject))

    def locate(self, focus: Node, path: Node | None = None,
               value: Node | None = None) -> SourcePosition | None:
        """The best position for a validation result: the triple (focus, path, value), else
        the focus node's subject block, else the first place the focus is used as an object."""
        if isinstance(path, URIRef) and value is not None:
            found = self._triples.get((focus, path, value))
            if found is not None:
                return self._position(found)
        # A blank node's block starts where it is used: ``ex:amount [`` is the useful line.
        lookups = (self._objects, self._subjects) if isinstance(focus, BNode) else (
            self._subjects, self._objects)
        for table in lookups:
            found = table.get(focus)
            if found is not None:
                return self._position(found)
        return None


class _RecordingParser(SinkParser):
    """rdflib's Turtle parser, reporting the line of each triple and subject block.

    A triple's line is the line of its predicate; a subject block's line is the line where
    the subject ends (its property list begins). Nested ``[ ... ]`` blocks keep their own
    lines: the predicate line is saved and restored around every property list. Lines are
    computed from character offsets (rdflib's own line counter counts some newlines twice).
    """

    def __init__(self, sink: RDFSink, base_iri: str, newline_offsets: list[int],
                 on_triple: Callable[[Triple, int], None],
                 on_subject: Callable[[Node, int], None]) -> None:
        super().__init__(sink, baseURI=base_iri, turtle=True)
        self._newline_offsets = newline_offsets
        self._on_triple = on_triple
        self._on_subject = on_subject
        self._predicate_line = 1

    def _line_at(self, offset: int) -> int:
        return bisect_left(self._newline_offsets, offset) + 1

    def makeStatement(self, quadruple) -> None:  # noqa: N802 (rdflib's name)
        super().makeStatement(quadruple)
        formula, predicate, subject, obj = quadruple
        normalise = self._store.normalise
        triple = (normalise(formula, subject), normalise(formula, predicate),
                  normalise(formula, obj))
        self._on_triple(triple, self._predicate_line)

    def verb(self, argstr: str, i: int, res: list) -> int:
        self._predicate_line = self._line_at(i)
        return super().verb(argstr, i, res)

    def property_list(self, argstr: str, i: int, subj: Node) -> int:
        self._on_subject(self._store.normalise(self._formula, subj), self._line_at(i))
        saved = self._predicate_line
        try:
            return super().property_list(argstr, i, subj)
        finally:
            self._predicate_line = saved


def parse_with_positions(text: str, graph: Graph, base_iri: str, index: PositionIndex,
                         file_name: str) -> None:
    """Parse Turtle (or N-Triples) ``text`` into ``graph``, recording positions in ``index``.

    The text must already have passed a strict syntax check: rdflib's parser accepts some
    Notation3 that is not Turtle, and its error messages are less precise.
    """
    file_number = index.add_file(file_name)
    text = text.removeprefix("\ufeff")
    newline_offsets = [match.start() for match in re.finditer("\n", text)]
    parser = _RecordingParser(
        RDFSink(graph), base_iri, newline_offsets,
        on_triple=lambda triple, line: index.add_triple(file_number, triple, line),
        on_subject=lambda subject, line: index.add_subject(file_number, subject, line),
    )
    parser.loadBuf(text)
    for prefix, namespace in parser._bindings.items():
        if prefix:
            graph.bind(prefix, namespace, override=False)
