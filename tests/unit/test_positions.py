"""Source positions recorded while parsing (the basis of file:line in validation reports)."""

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from coopgraph.positions import PositionIndex, parse_with_positions

BASE = "https://example.org/base/"
EX = "http://ex.org/"

TURTLE = """@prefix ex: <http://ex.org/> .

<municipality/kubrat>
    a ex:Municipality ;
    ex:name "Kubrat"@en ,
        "Кубрат"@bg ;
    ex:amount [
        ex:minValue 200000 ;
        ex:currency "EUR"
    ] ;
    ex:flag true .
ex:b ex:c ex:d .
ex:x ex:long \"\"\"one
two
three\"\"\" ; ex:after 1.5 .
"""


def _parse(text: str = TURTLE) -> tuple[Graph, PositionIndex]:
    graph, index = Graph(), PositionIndex()
    parse_with_positions(text, graph, BASE, index, "data/x.ttl")
    return graph, index


def _line(index: PositionIndex, s, p, o) -> int:
    return index.triple_position((s, p, o)).line


def test_each_triple_gets_the_line_of_its_predicate():
    graph, index = _parse()
    kubrat = URIRef(BASE + "municipality/kubrat")
    assert _line(index, kubrat, RDF.type, URIRef(EX + "Municipality")) == 4
    assert _line(index, kubrat, URIRef(EX + "name"), Literal("Кубрат", lang="bg")) == 5
    assert _line(index, kubrat, URIRef(EX + "flag"), Literal(True)) == 11
    assert _line(index, URIRef(EX + "b"), URIRef(EX + "c"), URIRef(EX + "d")) == 12


def test_lines_after_a_multiline_literal_stay_exact():
    _, index = _parse()
    after = (URIRef(EX + "x"), URIRef(EX + "after"), Literal("1.5", datatype=XSD.decimal))
    assert index.triple_position(after).line == 15


def test_nested_blank_node_triples_keep_their_own_lines_and_the_outer_line_survives():
    graph, index = _parse()
    kubrat = URIRef(BASE + "municipality/kubrat")
    amount = graph.value(kubrat, URIRef(EX + "amount"))
    assert isinstance(amount, BNode)
    assert _line(index, amount, URIRef(EX + "minValue"), Literal(200000)) == 8
    assert _line(index, amount, URIRef(EX + "currency"), Literal("EUR")) == 9
    assert _line(index, kubrat, URIRef(EX + "amount"), amount) == 7
    assert _line(index, kubrat, URIRef(EX + "flag"), Literal(True)) == 11


def test_a_missing_property_is_located_at_the_subject_block():
    _, index = _parse()
    kubrat = URIRef(BASE + "municipality/kubrat")
    position = index.locate(kubrat, URIRef(EX + "missing"), None)
    assert (position.file, position.line) == ("data/x.ttl", 3)


def test_a_blank_node_is_located_where_it_is_used():
    graph, index = _parse()
    amount = graph.value(URIRef(BASE + "municipality/kubrat"), URIRef(EX + "amount"))
    assert index.locate(amount, URIRef(EX + "other"), None).line == 7


def test_an_iri_used_only_as_object_is_located_at_its_first_use():
    _, index = _parse()
    assert index.locate(URIRef(EX + "d")).line == 12


def test_relative_iris_resolve_against_the_base():
    graph, _ = _parse()
    assert (URIRef(BASE + "municipality/kubrat"), None, None) in graph


def test_ntriples_lines_are_exact():
    text = ("<http://a/s> <http://a/p> \"one\" .\n"
            "\n"
            "<http://a/s> <http://a/q> <http://a/o> .\n")
    _, index = _parse(text)
    assert _line(index, URIRef("http://a/s"), URIRef("http://a/q"), URIRef("http://a/o")) == 3


def test_positions_of_two_files_are_kept_apart():
    graph, index = Graph(), PositionIndex()
    parse_with_positions("<http://a/s> <http://a/p> 1 .\n", graph, BASE, index, "one.ttl")
    parse_with_positions("\n\n<http://a/t> <http://a/p> 2 .\n", graph, BASE, index, "two.ttl")
    position = index.locate(URIRef("http://a/t"))
    assert (position.file, position.line) == ("two.ttl", 3)
