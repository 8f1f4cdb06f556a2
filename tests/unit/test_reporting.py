"""The report formats people and CI tools read."""

import json
from xml.etree import ElementTree

from coopgraph.reporting import render_github, render_json, render_junit, render_text


def test_text_lines_read_file_line_focus_path_message_value(report):
    lines = render_text(report).splitlines()
    assert any(line.endswith("towns.ttl:10: <town/b> <http://ex.org/population>: "
                             'The population must be a whole number. (value: "many") '
                             "[violation]") for line in lines)
    assert lines[-1] == "2 violations, 1 warning in 1 file"


def test_text_in_bulgarian(report):
    assert "Градът трябва да има име." in render_text(report, "bg")


def test_json_has_the_documented_keys(report):
    document = json.loads(render_json(report))
    assert document["conforms"] is False
    assert document["counts"] == {"violation": 2, "warning": 1, "info": 0}
    first = document["results"][0]
    assert set(first) == {"file", "line", "severity", "focus", "path", "value", "message",
                          "shape", "constraint"}
    assert first["focus"] == "https://example.org/base/town/b"


def test_junit_fails_violations_and_passes_warnings_unless_strict(report):
    suites = ElementTree.fromstring(render_junit(report))
    assert len(suites.findall(".//failure")) == 2
    strict = ElementTree.fromstring(render_junit(report, strict=True))
    assert len(strict.findall(".//failure")) == 3


def test_github_annotations_carry_file_and_line(report):
    lines = render_github(report).splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert len(errors) == 2 and len(warnings) == 1
    assert ",line=10,title=SHACL violation::" in next(e for e in errors if "whole number" in e)
