"""``coopgraph validate``: exit codes, output formats and error lines, on a small project."""

import json

import pytest

from coopgraph.cli import main
from tests.unit.conftest import DATA, SHAPES


@pytest.fixture
def project(write, tmp_path):
    """A project folder with an (empty) ontology, the town shapes and the town data."""
    write("ontology/empty.ttl", "")
    write("shapes/town.ttl", SHAPES)
    write("data/towns.ttl", DATA)
    return tmp_path


def _run(runner, project, *args):
    return runner.invoke(main, ["validate", *args], env={"COOPGRAPH_ROOT": str(project)})


def test_violations_exit_1_and_are_listed(runner, project):
    result = _run(runner, project)
    assert result.exit_code == 1
    assert "towns.ttl:10: <town/b>" in result.output
    assert result.output.rstrip().endswith("2 violations, 1 warning in 1 file")


def test_conforming_data_exits_0_even_with_warnings(runner, project, write):
    write("data/towns.ttl", DATA.replace('ex:population "many"', 'ex:name "B"'))
    result = _run(runner, project)
    assert result.exit_code == 0, result.output
    assert "1 warning" in result.output


def test_strict_turns_warnings_into_failure(runner, project, write):
    write("data/towns.ttl", DATA.replace('ex:population "many"', 'ex:name "B"'))
    assert _run(runner, project, "--strict").exit_code == 1


def test_syntax_error_exits_2_with_file_line_column(runner, project, write):
    write("data/towns.ttl", DATA.replace('ex:motto "Upward" .', 'ex:motto "Upward"'))
    result = _run(runner, project)
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{project / 'data' / 'towns.ttl'}:13:1: error: syntax error: ")


def test_paths_replace_the_data_folder(runner, project, write):
    good = write("other/good.ttl", '<town/z> a <http://ex.org/Town> ; <http://ex.org/name> "Z" ;'
                                   ' <http://ex.org/motto> "M" .\n')
    result = _run(runner, project, str(good))
    assert result.exit_code == 0, result.output


def test_shapes_option_replaces_the_shapes_folder(runner, project, write):
    other = write("other-shapes/none.ttl",
                  "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                  "<http://ex.org/S> a sh:NodeShape ; sh:targetClass <http://ex.org/Nothing> ;"
                  " sh:property [ sh:path <http://ex.org/p> ; sh:minCount 1 ] .\n")
    assert _run(runner, project, "--shapes", str(other)).exit_code == 0


def test_missing_path_exits_2(runner, project):
    result = _run(runner, project, "nowhere.ttl")
    assert result.exit_code == 2
    assert "nowhere.ttl: error: no such file or folder" in result.stderr


def test_json_format_is_machine_readable(runner, project):
    result = _run(runner, project, "--format", "json")
    document = json.loads(result.stdout)
    assert document["counts"]["violation"] == 2
    assert {r["line"] for r in document["results"]} == {8, 10, 13}


def test_turtle_format_is_a_shacl_report(runner, project):
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    graph = Graph().parse(data=_run(runner, project, "--format", "turtle").stdout,
                          format="turtle")
    assert len(list(graph.subjects(RDF.type, SH.ValidationResult))) == 3


def test_github_format_annotates(runner, project):
    output = _run(runner, project, "--format", "github").stdout
    assert output.count("::error file=") == 2


def test_bulgarian_messages(runner, project):
    assert "Градът трябва да има име." in _run(runner, project, "--lang", "bg").stdout


def test_a_project_without_data_folder_names_the_missing_folder(runner, tmp_path):
    result = runner.invoke(main, ["validate"], env={"COOPGRAPH_ROOT": str(tmp_path / "none")})
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'none' / 'data'}: error: no such file")
