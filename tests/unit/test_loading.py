"""Reading source files: strict syntax, UTF-8, positions and graph registration."""

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from coopgraph.errors import LoadError
from coopgraph.loading import load_sources
from coopgraph.sources import find_source_files
from coopgraph.vocab import COOP

BASE = "https://example.org/base/"


def _load(*paths: Path):
    return load_sources(find_source_files(paths), [], BASE)


def test_turtle_syntax_error_names_file_line_column_and_what_was_expected(write):
    path = write("data/broken.ttl", '@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c ;\n'
                                    '  ex:d 5 ex:e .\n')
    with pytest.raises(LoadError) as caught:
        _load(path)
    location = caught.value.location
    assert (location.line, location.column) == (3, 10)
    assert location.file.endswith("broken.ttl")
    assert "dot is expected" in caught.value.message


def test_undefined_prefix_is_a_syntax_error(write):
    path = write("data/prefix.ttl", "ex:a ex:b ex:c .\n")
    with pytest.raises(LoadError) as caught:
        _load(path)
    assert caught.value.location.line == 1
    assert "ex" in caught.value.message


def test_notation3_that_is_not_turtle_is_refused(write):
    path = write("data/n3.ttl", "@prefix ex: <http://ex.org/> .\n{ ex:a ex:b ex:c } => { } .\n")
    with pytest.raises(LoadError):
        _load(path)


def test_invalid_utf8_is_reported_at_the_byte(tmp_path):
    path = tmp_path / "latin1.ttl"
    path.write_bytes('<http://a/s> <http://a/p> "Åmål" .\n'.encode("latin-1"))
    with pytest.raises(LoadError) as caught:
        _load(path)
    assert "UTF-8" in caught.value.message
    assert (caught.value.location.line, caught.value.location.column) == (1, 28)


def test_missing_file_is_a_load_error(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        find_source_files([tmp_path / "nope.ttl"])


def test_unknown_file_type_is_refused_when_named(write):
    path = write("data/x.jsonld", "{}")
    with pytest.raises(LoadError) as caught:
        find_source_files([path])
    assert ".ttl" in caught.value.hint


def test_folders_skip_files_that_are_not_rdf(write, tmp_path):
    write("data/README.md", "notes")
    write("data/a.ttl", "<http://a/s> <http://a/p> 1 .\n")
    assert [source.stem for source in find_source_files([tmp_path / "data"])] == ["a"]


def test_two_data_files_with_one_stem_are_refused(write):
    one = write("a/same.ttl", "<http://a/s> <http://a/p> 1 .\n")
    two = write("b/same.nt", "<http://a/s> <http://a/p> 2 .\n")
    with pytest.raises(LoadError, match="graph name 'same'"):
        _load(one, two)


def test_each_data_file_registers_its_graph_at_line_one(write):
    path = write("data/kubrat-page.ttl", "\n\n<x> <http://a/p> 1 .\n")
    loaded = _load(path)
    graph = URIRef(BASE + "graph/kubrat-page")
    assert (graph, RDF.type, COOP.DataGraph) in loaded.graph
    assert loaded.positions.locate(graph).line == 1
