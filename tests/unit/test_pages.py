"""Pages say bounds as bounds: "at least 350 residents", never a made-up exact figure."""

import pyoxigraph

from coopgraph.pages import SCHEMA, pick_label, quantity_phrase

APPROXIMATE = "https://w3id.org/coopgraph/ontology#approximate"


def _lit(value: str, lang: str | None = None) -> pyoxigraph.Literal:
    return pyoxigraph.Literal(value, language=lang) if lang else pyoxigraph.Literal(value)


def test_lower_bound_reads_at_least():
    statements = {SCHEMA + "minValue": _lit("350"), SCHEMA + "unitText": _lit("residents", "en")}
    assert quantity_phrase(statements, "en") == "at least 350 residents"
    assert quantity_phrase(statements, "bg").startswith("най-малко 350")


def test_money_keeps_its_currency():
    statements = {SCHEMA + "minValue": _lit("200000"), SCHEMA + "currency": _lit("EUR")}
    assert quantity_phrase(statements, "en") == "at least 200000 EUR"


def test_approximate_value_reads_about():
    statements = {SCHEMA + "value": _lit("440"), APPROXIMATE: _lit("true"),
                  SCHEMA + "unitText": _lit("km²", "en")}
    assert quantity_phrase(statements, "en") == "about 440 km²"


def test_exact_value_has_no_qualifier():
    assert quantity_phrase({SCHEMA + "value": _lit("17")}, "en") == "17"


def test_statements_without_a_figure_are_not_a_quantity():
    assert quantity_phrase({SCHEMA + "unitText": _lit("km²")}, "en") is None


def test_labels_fall_back_to_english_then_any_language():
    labels = [_lit("Кубрат", "bg"), _lit("Kubrat", "en")]
    assert pick_label(labels, "bg") == "Кубрат"
    assert pick_label(labels, "de") == "Kubrat"
    assert pick_label([_lit("Åmål", "sv")], "bg") == "Åmål"
