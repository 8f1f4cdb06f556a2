"""Results written row by row must read back, with Oxigraph's own result parsers, as exactly
the solutions the query produced; caps stop the writing with a clear error."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph
import pytest

from coopgraph.errors import NotAcceptable, ResultTooLarge
from coopgraph.formats import FORMATS_BY_KEY
from coopgraph.query import run_query
from coopgraph.serialization import (
    CHUNK_SIZE,
    ResultLimits,
    ResultSink,
    serialize_outcome,
    write_outcome,
)

EX = "http://example.org/"
TRICKY_TEXTS = ["plain", 'quote " and \\ backslash', "tab\tand\nnewline\r\n", "comma, semi;",
                "кирилица & <markup> ]]>", "", " leading space", "emoji \U0001f30d"]


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    subject = pyoxigraph.NamedNode(EX + "s")
    objects = [pyoxigraph.Literal(text) for text in TRICKY_TEXTS]
    objects += [pyoxigraph.Literal("Кубрат", language="bg"),
                pyoxigraph.Literal("42", datatype=pyoxigraph.NamedNode(
                    "http://www.w3.org/2001/XMLSchema#integer")),
                pyoxigraph.BlankNode("b0"), pyoxigraph.NamedNode(EX + "o?x=1&y=%3C2%3E,z")]
    for index, obj in enumerate(objects):
        store.add(pyoxigraph.Quad(subject, pyoxigraph.NamedNode(f"{EX}p{index}"), obj))
    return store


QUERY = "SELECT ?p ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?o ?x ?missing } } ORDER BY ?p"


def _solutions(results) -> list[tuple]:
    return [tuple(solution[name] for name in ("p", "o", "missing")) for solution in results]


@pytest.mark.parametrize("key", ["json", "xml", "tsv"])
def test_select_results_read_back_as_the_same_solutions(store, key):
    expected = _solutions(run_query(store, QUERY, EX).result)
    written = serialize_outcome(run_query(store, QUERY, EX), key)
    parsed = pyoxigraph.parse_query_results(written, format=FORMATS_BY_KEY[key].oxigraph)
    assert [variable.value for variable in parsed.variables] == ["p", "o", "missing"]
    assert _solutions(parsed) == expected
    assert len(expected) == len(TRICKY_TEXTS) + 4


def test_json_results_are_what_the_w3c_format_says(store):
    written = json.loads(serialize_outcome(run_query(store, QUERY, EX), "json"))
    bindings = written["results"]["bindings"]
    by_value = {binding["o"]["value"]: binding["o"] for binding in bindings}
    assert by_value["Кубрат"] == {"type": "literal", "value": "Кубрат", "xml:lang": "bg"}
    assert by_value["42"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert by_value["plain"] == {"type": "literal", "value": "plain"}
    assert by_value["b0"] == {"type": "bnode", "value": "b0"}
    assert all("missing" not in binding for binding in bindings)  # unbound: left out


def test_csv_results_hold_plain_values_with_crlf_rows(store):
    written = serialize_outcome(run_query(store, QUERY, EX), "csv").decode("utf-8")
    rows = list(csv.reader(io.StringIO(written, newline="")))
    assert rows[0] == ["p", "o", "missing"]
    values = {row[1] for row in rows[1:]}
    assert set(TRICKY_TEXTS) <= values
    assert "_:b0" in values and EX + "o?x=1&y=%3C2%3E,z" in values
    assert written.startswith("p,o,missing\r\n")


def test_ask_and_construct_use_oxigraph_serializers(store):
    assert json.loads(serialize_outcome(run_query(store, "ASK { ?s ?p ?o }", EX), "json")) == {
        "head": {}, "boolean": True}
    turtle = serialize_outcome(run_query(store, "CONSTRUCT WHERE { ?s ?p ?o }", EX), "turtle")
    assert len(list(pyoxigraph.parse(turtle, format=pyoxigraph.RdfFormat.TURTLE))) == len(store)


def test_row_cap_stops_select_and_construct(store):
    for query, key in ((QUERY, "json"), ("CONSTRUCT WHERE { ?s ?p ?o }", "ntriples")):
        with pytest.raises(ResultTooLarge, match="more than 3 rows"):
            serialize_outcome(run_query(store, query, EX), key, ResultLimits(max_rows=3))
    limit = len(store)
    assert serialize_outcome(run_query(store, QUERY, EX), "csv", ResultLimits(max_rows=limit))


def test_byte_cap_stops_writing_even_inside_oxigraphs_serializer(store):
    for query, key in ((QUERY, "xml"), ("CONSTRUCT WHERE { ?s ?p ?o }", "turtle")):
        with pytest.raises(ResultTooLarge, match="larger than 100 bytes"):
            serialize_outcome(run_query(store, query, EX), key, ResultLimits(max_bytes=100))


def test_sink_hands_out_chunks_without_holding_the_whole_result():
    store = pyoxigraph.Store()
    for index in range(20_000):
        store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(f"{EX}s{index}"),
                                  pyoxigraph.NamedNode(EX + "p"), pyoxigraph.Literal("x" * 20)))
    chunks: list[int] = []
    sink = ResultSink(lambda chunk: chunks.append(len(chunk)))
    write_outcome(run_query(store, "SELECT * { ?s ?p ?o }", EX), "json", sink)
    assert sink.rows == 20_000
    assert sum(chunks) == sink.bytes
    assert len(chunks) > 10 and max(chunks) < 2 * CHUNK_SIZE


def test_a_character_xml_cannot_carry_is_refused_in_xml_and_kept_in_json():
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode(EX + "s"), pyoxigraph.NamedNode(EX + "p"),
                              pyoxigraph.Literal("bell \x07 here")))
    query = "SELECT ?o WHERE { ?s ?p ?o }"
    with pytest.raises(NotAcceptable, match="XML cannot carry \\(U\\+0007\\)"):
        serialize_outcome(run_query(store, query, EX), "xml")
    written = serialize_outcome(run_query(store, query, EX), "json")
    assert json.loads(written)["results"]["bindings"][0]["o"]["value"] == "bell \x07 here"
