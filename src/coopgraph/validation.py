"""Validate loaded sources against SHACL shapes and map every finding to ``file:line``.

The engine that runs SHACL is pluggable (:class:`ValidationEngine`); the default is pyshacl.
An engine only has to turn a data graph and a shapes graph into a standard
``sh:ValidationReport`` graph; reading that report and finding the source positions is done
here, the same for every engine. Findings are data, not exceptions: a shapes graph that cannot
be used raises :class:`ShapesError`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from coopgraph.errors import ShapesError, SourcePosition
from coopgraph.loading import LoadedSources


class Severity(Enum):
    VIOLATION = "violation"
    WARNING = "warning"
    INFO = "info"

    @classmethod
    def from_iri(cls, iri: Node | None) -> Severity:
        return {SH.Warning: cls.WARNING, SH.Info: cls.INFO}.get(iri, cls.VIOLATION)


@dataclass(frozen=True)
class ValidationResult:
    """One finding: what is wrong, where in the graph, and where in the source files."""

    severity: Severity
    focus: Node
    path: Node | None
    value: Node | None
    messages: tuple[Literal, ...]
    shape: Node | None
    constraint: Node | None
    position: SourcePosition | None

    def message(self, lang: str = "en") -> str:
        """The message in ``lang``, else English, else an untagged one, else any."""
        for wanted in (lang, "en", None):
            for message in self.messages:
                if message.language == wanted:
                    return str(message)
        return str(self.messages[0]) if self.messages else "constraint not satisfied"


@dataclass(frozen=True)
class ValidationReport:
    results: tuple[ValidationResult, ...]
    report_graph: Graph
    data_graph: Graph
    base_iri: str

    def count(self, severity: Severity) -> int:
        return sum(1 for result in self.results if result.severity is severity)

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(result.severity for result in self.results)
        return {severity.value: found[severity] for severity in Severity}

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings and infos do not break conformance)."""
        return self.count(Severity.VIOLATION) == 0

    def fails(self, strict: bool = False) -> bool:
        """Whether a CI run should fail: on violations, and on warnings too when strict."""
        return not self.conforms or (strict and self.count(Severity.WARNING) > 0)


class ValidationEngine(Protocol):
    """Anything that turns (data graph, shapes graph) into a ``sh:ValidationReport`` graph."""

    def report(self, data_graph: Graph, shapes_graph: Graph) -> Graph: ...


class PyshaclEngine:
    """SHACL Core and SHACL-SPARQL with pyshacl, without inference (the data says what it
    means; ``rdfs:subClassOf`` in the loaded ontology is still honoured for targets)."""

    def report(self, data_graph: Graph, shapes_graph: Graph) -> Graph:
        from pyshacl import validate
        from pyshacl.errors import ReportableRuntimeError

        try:
            _, report_graph, _ = validate(
                data_graph, shacl_graph=shapes_graph, inference="none", advanced=True,
                allow_warnings=True, allow_infos=True)
        except ReportableRuntimeError as error:
            raise ShapesError(f"the shapes cannot be used: {error.message}") from None
        return report_graph


def _messages(report_graph: Graph, shapes_graph: Graph, node: Node) -> tuple[Literal, ...]:
    """The result's messages, completed from the shape for languages the engine dropped
    (pyshacl keeps only one, untagged, message of a SHACL-SPARQL constraint)."""
    messages = [m for m in report_graph.objects(node, SH.resultMessage) if isinstance(m, Literal)]
    shape = report_graph.value(node, SH.sourceShape)
    if shape is not None:
        holders = [shape, *shapes_graph.objects(shape, SH.sparql)]
        languages = {message.language for message in messages}
        declared = [m for holder in holders for m in shapes_graph.objects(holder, SH.message)
                    if isinstance(m, Literal)]
        if declared and languages <= {None}:
            messages = declared  # an untagged copy of a declared message: use the originals
        else:
            messages += [m for m in declared if m.language not in languages]
    return tuple(sorted(dict.fromkeys(messages), key=lambda m: (m.language or "", str(m))))


def _results_of(report_graph: Graph, shapes_graph: Graph,
                loaded: LoadedSources) -> list[ValidationResult]:
    results = []
    report = next(report_graph.subjects(RDF.type, SH.ValidationReport), None)
    for node in report_graph.objects(report, SH.result):
        focus = report_graph.value(node, SH.focusNode)
        path = report_graph.value(node, SH.resultPath)
        value = report_graph.value(node, SH.value)
        results.append(ValidationResult(
            severity=Severity.from_iri(report_graph.value(node, SH.resultSeverity)),
            focus=focus,
            path=path,
            value=value,
            messages=_messages(report_graph, shapes_graph, node),
            shape=report_graph.value(node, SH.sourceShape),
            constraint=report_graph.value(node, SH.sourceConstraintComponent),
            position=loaded.positions.locate(focus, path, value),
        ))
    return results


def _sort_key(result: ValidationResult) -> tuple:
    position = result.position
    return (position is None, position.file if position else "", position.line or 0 if position
            else 0, result.severity.value, str(result.focus), str(result.path))


def validate_sources(loaded: LoadedSources, shapes_graph: Graph,
                     engine: ValidationEngine | None = None) -> ValidationReport:
    """Validate the loaded ontology and data against the shapes."""
    if not any(shapes_graph.subjects(RDF.type, SH.NodeShape)) and not any(
            shapes_graph.subjects(RDF.type, SH.PropertyShape)):
        raise ShapesError("no SHACL shapes found", hint="check the --shapes path")
    engine = engine or PyshaclEngine()
    report_graph = engine.report(loaded.graph, shapes_graph)
    results = sorted(_results_of(report_graph, shapes_graph, loaded), key=_sort_key)
    return ValidationReport(tuple(results), report_graph, loaded.graph, loaded.base_iri)


__all__ = ["PyshaclEngine", "Severity", "ValidationEngine", "ValidationReport",
           "ValidationResult", "validate_sources"]
