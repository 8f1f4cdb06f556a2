"""Validation maps every SHACL result back to the file and line that caused it."""

import pytest
from rdflib import Graph, URIRef

from coopgraph.errors import ShapesError
from coopgraph.loading import load_sources
from coopgraph.sources import find_source_files
from coopgraph.validation import Severity, validate_sources
from tests.unit.conftest import BASE, DATA, SHAPES


def _by_focus(report, local: str):
    return [r for r in report.results if r.focus == URIRef(BASE + local)]


def test_wrong_datatype_is_reported_at_the_line_of_the_triple(report):
    (result,) = [r for r in _by_focus(report, "town/b") if r.severity is Severity.VIOLATION
                 and r.value is not None]
    assert result.position.line == 10
    assert result.message() == "The population must be a whole number."


def test_missing_value_is_reported_at_the_subject_block(report):
    (result,) = [r for r in _by_focus(report, "town/b") if r.value is None]
    assert result.position.line == 8
    assert result.position.file.endswith("towns.ttl")


def test_messages_come_in_the_asked_language_with_english_fallback(report):
    (missing_name,) = [r for r in _by_focus(report, "town/b") if r.value is None]
    assert missing_name.message("bg") == "Градът трябва да има име."
    (datatype,) = [r for r in _by_focus(report, "town/b") if r.value is not None]
    assert datatype.message("bg") == "The population must be a whole number."


def test_warnings_do_not_break_conformance_unless_strict(write):
    data = write("data/towns.ttl", DATA.replace('ex:population "many"', 'ex:name "B"'))
    loaded = load_sources(find_source_files([data]), [], BASE)
    report = validate_sources(loaded, Graph().parse(data=SHAPES, format="turtle"))
    assert report.counts == {"violation": 0, "warning": 1, "info": 0}
    assert report.conforms and not report.fails()
    assert report.fails(strict=True)


def test_results_are_sorted_by_file_and_line(report):
    lines = [r.position.line for r in report.results]
    assert lines == sorted(lines)


def test_a_shapes_graph_without_shapes_is_refused(write):
    data = write("data/towns.ttl", DATA)
    loaded = load_sources(find_source_files([data]), [], BASE)
    with pytest.raises(ShapesError, match="no SHACL shapes"):
        validate_sources(loaded, Graph())
