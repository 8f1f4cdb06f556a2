"""Present a :class:`ValidationReport` for people (text), programs (JSON, Turtle) and CI
(JUnit XML, GitHub workflow annotations). Each renderer returns a string; nothing prints."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby
from xml.etree import ElementTree

from rdflib import BNode
from rdflib.term import Node

from coopgraph.validation import Severity, ValidationReport, ValidationResult
from coopgraph.vocab import shorten

NO_POSITION = "(no source position)"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def describe_node(node: Node, report: ValidationReport) -> str:
    """A term as people read it; a blank node as the triple that points at it."""
    if isinstance(node, BNode):
        for subject, predicate in report.data_graph.subject_predicates(node):
            if not isinstance(subject, BNode):
                return (f"{shorten(subject, report.base_iri)} "
                        f"{shorten(predicate, report.base_iri)} []")
        return "[]"
    return shorten(node, report.base_iri)


def result_summary(result: ValidationResult, report: ValidationReport, lang: str) -> str:
    """``<focus> <path>: message (value: v)`` — the part of a line after the position."""
    parts = [describe_node(result.focus, report)]
    if result.path is not None:
        parts.append(describe_node(result.path, report))
    text = f"{' '.join(parts)}: {result.message(lang)}"
    if result.value is not None:
        text += f" (value: {describe_node(result.value, report)})"
    return text


def _file_of(result: ValidationResult) -> str:
    return result.position.file if result.position else NO_POSITION


def _location(result: ValidationResult) -> str:
    return str(result.position) if result.position else NO_POSITION


def _summary_line(report: ValidationReport) -> str:
    if not report.results:
        return "conforms: no violations, no warnings"
    counts = [_plural(report.count(severity), severity.value) for severity in Severity
              if report.count(severity)]
    files = len({_file_of(result) for result in report.results})
    return f"{', '.join(counts)} in {_plural(files, 'file')}"


def render_text(report: ValidationReport, lang: str = "en") -> str:
    """Compiler-style lines grouped by file (a blank line between files), then a count."""
    blocks = []
    for _, group in groupby(report.results, key=_file_of):
        blocks.append("\n".join(
            f"{_location(result)}: {result_summary(result, report, lang)} "
            f"[{result.severity.value}]" for result in group))
    blocks.append(_summary_line(report))
    return "\n\n".join(blocks) + "\n"


def _term_json(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def render_json(report: ValidationReport, lang: str = "en") -> str:
    """The documented JSON report (docs/validation.md): stable keys, one object per result."""
    document = {
        "conforms": report.conforms,
        "counts": report.counts,
        "results": [{
            "file": result.position.file if result.position else None,
            "line": result.position.line if result.position else None,
            "severity": result.severity.value,
            "focus": _term_json(result.focus),
            "path": _term_json(result.path),
            "value": _term_json(result.value),
            "message": result.message(lang),
            "shape": _term_json(result.shape),
            "constraint": _term_json(result.constraint),
        } for result in report.results],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_turtle(report: ValidationReport, lang: str = "en") -> str:
    """The standard ``sh:ValidationReport`` as the SHACL engine produced it."""
    return report.report_graph.serialize(format="turtle")


def _failing(result: ValidationResult, strict: bool) -> bool:
    return result.severity is Severity.VIOLATION or (
        strict and result.severity is Severity.WARNING)


def render_junit(report: ValidationReport, lang: str = "en", strict: bool = False) -> str:
    """JUnit XML: one test suite per file, one test case per result. Violations (and, with
    ``strict``, warnings) are failures; other results pass with their text in system-out."""
    suites = ElementTree.Element("testsuites", name="coopgraph validate")
    if not report.results:
        suite = ElementTree.SubElement(suites, "testsuite", name="coopgraph validate",
                                       tests="1", failures="0")
        ElementTree.SubElement(suite, "testcase", classname="coopgraph", name="conforms")
    for file_name, group in groupby(report.results, key=_file_of):
        results = list(group)
        failures = sum(_failing(result, strict) for result in results)
        suite = ElementTree.SubElement(suites, "testsuite", name=file_name,
                                       tests=str(len(results)), failures=str(failures))
        for result in results:
            case = ElementTree.SubElement(
                suite, "testcase", classname=file_name,
                name=f"{_location(result)} {describe_node(result.focus, report)}",
                file=file_name, line=str(result.position.line if result.position else 0))
            text = result_summary(result, report, lang)
            if _failing(result, strict):
                failure = ElementTree.SubElement(case, "failure", type=result.severity.value,
                                                 message=result.message(lang))
                failure.text = text
            else:
                ElementTree.SubElement(case, "system-out").text = (
                    f"{result.severity.value}: {text}")
    ElementTree.indent(suites)
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: ValidationReport, lang: str = "en") -> str:
    """GitHub Actions workflow commands: ``::error file=F,line=L,title=T::message``."""
    commands = {Severity.VIOLATION: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for result in report.results:
        properties = []
        if result.position:
            properties.append(f"file={_escape_property(result.position.file)}")
            if result.position.line:
                properties.append(f"line={result.position.line}")
        properties.append(f"title={_escape_property('SHACL ' + result.severity.value)}")
        lines.append(f"::{commands[result.severity]} {','.join(properties)}::"
                     f"{_escape_data(result_summary(result, report, lang))}")
    lines.append(_summary_line(report))
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "turtle": render_turtle,
    "junit": render_junit,
    "github": render_github,
}

__all__ = ["RENDERERS", "describe_node", "render_github", "render_json", "render_junit",
           "render_text", "render_turtle", "result_summary"]
