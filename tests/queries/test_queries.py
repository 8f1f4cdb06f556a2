"""The canned queries in queries/ return exactly the answers the sources imply.

Each query runs through the real command line (``coopgraph query FILE --format json``) on the
bundled ontology and data. The expected answers are taken from the source notes,
/work/shared/sources/FACTS.md (S1-S4 and the reference facts), not from the data files: when the
data and the notes disagree, these tests fail. Answers are compared by local names, labels and
source URLs so that a failure reads like the facts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from coopgraph.cli import main

REPO = Path(__file__).resolve().parents[2]
QUERIES = REPO / "queries"

# The sources of FACTS.md, by the URL each page has.
S1 = "https://kubrat.bg/bg/collaboration/collaboration.php"
S2 = ("https://www.amal.se/fakta-om-amal/internationellt/vara-vanorter-och-partnerstader/"
      "kubrat-bulgarien/")
S3 = "https://kubrat.bg/bg/news/news_id_91.php"
S4 = "https://kubrat.bg/bg/news/news_id_1340.php"


def invoke(runner: CliRunner, *args: str) -> Result:
    """Run ``coopgraph`` on this repository's project, wherever pytest was started."""
    return runner.invoke(main, list(args), env={"COOPGRAPH_ROOT": str(REPO)})


def _cell(binding: dict | None) -> str | None:
    """An IRI as its local name (``municipality/amal`` -> ``amal``), a literal as its text."""
    if binding is None:
        return None
    if binding["type"] == "uri":
        return binding["value"].rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return binding["value"]


def answers(runner: CliRunner, query_file: str, *columns: str) -> list[tuple[str | None, ...]]:
    """The rows of a canned query's JSON results, reduced to ``columns``, in the query's order."""
    result = invoke(runner, "query", str(QUERIES / query_file), "--format", "json")
    assert result.exit_code == 0, result.stderr
    results = json.loads(result.stdout)
    missing = set(columns) - set(results["head"]["vars"])
    assert not missing, f"{query_file} has no column(s) {sorted(missing)}"
    return [tuple(_cell(row.get(column)) for column in columns)
            for row in results["results"]["bindings"]]


def answer_set(runner: CliRunner, query_file: str, *columns: str) -> set[tuple[str | None, ...]]:
    """The answers as a set, after checking that no answer is repeated."""
    rows = answers(runner, query_file, *columns)
    repeated = sorted({row for row in rows if rows.count(row) > 1}, key=str)
    assert not repeated, f"{query_file} repeats {repeated}"
    return set(rows)


# --- kubrat-partners.rq ------------------------------------------------------------------------

def test_partners_are_the_towns_a_source_relates_to_kubrat_with_the_kind_it_states(runner):
    """S1 names Åmål (cooperation), Türi, Videle and Skuodas (project partnership); S2 and S3
    call Åmål a twin town; S4 Ergene. Mtsensk is only mentioned, so it is no partner."""
    assert answer_set(runner, "kubrat-partners.rq", "partner", "country", "kind", "sourceUrl") == {
        ("amal", "SWE", "cooperation", S1),
        ("amal", "SWE", "twinning", S2),
        ("amal", "SWE", "twinning", S3),
        ("turi", "EST", "cooperation", S1),
        ("videle", "ROU", "cooperation", S1),
        ("skuodas", "LTU", "project-partnership", S1),
        ("ergene", "TUR", "twinning", S4),
    }


def test_partners_come_with_english_labels_for_partner_country_and_kind(runner):
    """Country labels are the EU authority's current English names (TUR is "Türkiye")."""
    rows = answers(runner, "kubrat-partners.rq", "partnerLabel", "countryLabel", "kindLabel")
    assert rows and all(all(row) for row in rows), rows
    assert {row[1] for row in rows} == {"Sweden", "Estonia", "Romania", "Lithuania", "Türkiye"}


def test_partners_exclude_mtsensk_whose_relationship_no_source_states(runner):
    partners = {row[0] for row in answers(runner, "kubrat-partners.rq", "partner")}
    assert "mtsensk" not in partners


def test_partners_query_follows_the_data_to_another_base_iri(runner):
    """The queries write dataset IRIs relatively, so they answer under any ``--base``."""
    result = invoke(runner, "query", str(QUERIES / "kubrat-partners.rq"), "--format", "json",
                    "--base", "https://example.org/kubrat/")
    assert result.exit_code == 0, result.stderr
    partners = {row["partner"]["value"] for row in json.loads(result.stdout)["results"]["bindings"]}
    assert partners == {f"https://example.org/kubrat/municipality/{name}"
                        for name in ("amal", "turi", "videle", "skuodas", "ergene")}


# --- lifelong-learning-projects.rq -------------------------------------------------------------

def test_lifelong_learning_projects_are_found_through_the_programme_hierarchy(runner):
    """S1: "Open windows to active citizenship" (2012-2014, with Skuodas) was a Comenius Regio
    partnership of the sectoral programme Comenius of the Lifelong Learning Programme."""
    assert answer_set(runner, "lifelong-learning-projects.rq",
                      "project", "programme", "startDate", "endDate") == {
        ("open-windows-to-active-citizenship", "comenius-regio", "2012", "2014"),
    }


EXTRA_LLP_PROJECT = """\
@prefix coop: <https://w3id.org/coopgraph/ontology#> .
@prefix dct: <http://purl.org/dc/terms/> .
<programme/grundtvig-learning-partnerships> a coop:Programme ;
    coop:partOfProgramme <programme/grundtvig> .
<project/adult-learning-test> a coop:Project ;
    dct:title "Adult learning test"@en ;
    coop:programme <programme/grundtvig-learning-partnerships> .
"""


def test_lifelong_learning_projects_include_any_new_programme_below_it(runner, write):
    """No sub-programme is listed in the query: an action added below Grundtvig is found."""
    extra = write("extra/adult-learning-test.ttl", EXTRA_LLP_PROJECT)
    result = invoke(runner, "query", str(QUERIES / "lifelong-learning-projects.rq"),
                    "--format", "csv", "--data", str(REPO / "data"), "--data", str(extra))
    assert result.exit_code == 0, result.stderr
    assert "/project/adult-learning-test," in result.stdout
    assert "/project/open-windows-to-active-citizenship," in result.stdout


def test_lifelong_learning_projects_show_english_and_bulgarian_titles(runner):
    assert answers(runner, "lifelong-learning-projects.rq", "title", "titleBg") == [
        ("Open windows to active citizenship", "Отворени прозорци към активно гражданство"),
    ]


# --- funding.rq --------------------------------------------------------------------------------

def test_funding_shows_each_funder_with_the_amount_and_its_bound(runner):
    """S1: the European Community supported the Kubrat-Åmål projects with more than 200,000 EUR;
    the Human Resource Development Centre funded the Comenius Regio partnership (no amount given);
    S3: the Swedish side (Åmål) financed "Influence and Democracy" (no amount given)."""
    assert answer_set(runner, "funding.rq", "fundedItem", "funder", "amount", "programme") == {
        ("kubrat-amal", "european-community", "at least 200000 EUR", None),
        ("open-windows-to-active-citizenship", "human-resource-development-centre", None,
         "comenius-regio"),
        ("influence-and-democracy", "amal", None, None),
    }


def test_funding_keeps_more_than_as_a_lower_bound_not_an_exact_value(runner):
    rows = answers(runner, "funding.rq", "funder", "bound", "value", "currency")
    assert ("european-community", "at least", "200000", "EUR") in rows


# --- amal-cooperation-start.rq -----------------------------------------------------------------

def test_amal_cooperation_start_keeps_both_sources_claims(runner):
    """S1 (Kubrat's page): cooperation dating from 2000. S2 (Åmål's page): twin towns since 2003."""
    assert answer_set(runner, "amal-cooperation-start.rq",
                      "relationship", "startDate", "source", "sourceUrl") == {
        ("kubrat-amal", "2000", "kubrat-cooperation-page", S1),
        ("kubrat-amal", "2003", "amal-kubrat-page", S2),
    }


def test_amal_cooperation_start_names_each_source_by_its_title(runner):
    rows = answers(runner, "amal-cooperation-start.rq", "startDate", "sourceTitle",
                   "sourceTitleBg")
    assert rows == [
        ("2000", "International cooperation", "Международно сътрудничество"),
        ("2003", "Kubrat, Bulgaria", "Кубрат, България"),
    ]


# --- social-care-cooperation.rq ----------------------------------------------------------------

def test_social_care_cooperations_are_found_through_the_field_hierarchy(runner):
    """Fields narrower than social care or disability care count (care for disadvantaged
    people, employment of people with disabilities), each with the source that states it."""
    assert answer_set(runner, "social-care-cooperation.rq", "cooperation", "sourceUrl") == {
        # S1: Türi, 2006-2007: meetings and training of residents on social assistance and care
        # for disadvantaged people.
        ("kubrat-turi", S1),
        ("kubrat-turi-meetings-and-training", S1),
        # S2: Åmål and Kubrat cooperated on employment for people with disabilities (with Türi).
        ("kubrat-amal", S2),
        ("employment-for-people-with-disabilities", S2),
        # S3: "Influence and Democracy", one strand of which was care for people with
        # disabilities.
        ("influence-and-democracy", S3),
    }


# --- agreements.rq -----------------------------------------------------------------------------

def _agreements(runner):
    rows = answer_set(runner, "agreements.rq", "agreement", "parties", "signingDate",
                      "signedNotBefore", "signedNotAfter", "dateSource", "decisionDate")
    return {(agreement, frozenset(parties.split("; ")), *rest)
            for agreement, parties, *rest in rows}


def test_agreements_show_parties_signing_dates_and_authorising_decisions(runner):
    """S1: the Videle agreement was signed in 2006-2007, the agreement with the Human Resource
    Development Centre in 2012. S4: the Ergene twinning protocol followed a council decision of
    24 October 2017 and gives no signing date; the regional news report dates the signing
    23 February 2019."""
    kubrat = "Kubrat Municipality"
    assert _agreements(runner) == {
        ("kubrat-videle-cooperation-agreement", frozenset({kubrat, "Videle Municipality"}),
         None, "2006", "2007", "kubrat-cooperation-page", None),
        ("kubrat-hrdc-grant-agreement-2012",
         frozenset({kubrat, "Human Resource Development Centre"}), "2012", None, None,
         "kubrat-cooperation-page", None),
        ("kubrat-ergene-twinning-protocol", frozenset({kubrat, "Ergene Municipality"}),
         "2019-02-23", None, None, "ergene-signing-report", "2017-10-24"),
    }


# --- every query file --------------------------------------------------------------------------

QUERY_FILES = sorted(QUERIES.glob("*.rq"))


@pytest.mark.parametrize("query_file", QUERY_FILES, ids=lambda path: path.name)
def test_each_query_states_its_question_first_and_orders_its_answers(query_file):
    text = query_file.read_text(encoding="utf-8")
    first_line = text.splitlines()[0]
    assert first_line.startswith("# ") and first_line.endswith("?"), first_line
    assert "ORDER BY" in text


@pytest.mark.parametrize("query_file", QUERY_FILES, ids=lambda path: path.name)
def test_each_query_is_listed_in_the_readme_with_its_question(query_file):
    readme = (QUERIES / "README.md").read_text(encoding="utf-8")
    question = query_file.read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
    assert f"| `{query_file.name}` | {question} |" in readme


# --- output formats and errors -----------------------------------------------------------------

PARTNER_COLUMNS = ["partner", "partnerLabel", "partnerLabelBg", "country", "countryLabel",
                   "kind", "kindLabel", "source", "sourceTitle", "sourceUrl"]


def test_query_as_csv_starts_with_the_column_names(runner):
    result = invoke(runner, "query", str(QUERIES / "kubrat-partners.rq"), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == ",".join(PARTNER_COLUMNS)


def test_query_as_table_starts_with_the_column_names(runner):
    result = invoke(runner, "query", str(QUERIES / "kubrat-partners.rq"), "--format", "table")
    assert result.exit_code == 0, result.stderr
    header = result.stdout.splitlines()[0]
    assert [name.strip() for name in header.split("|")] == PARTNER_COLUMNS


def test_invalid_query_exits_2_naming_the_file_position_and_problem(runner, tmp_path):
    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT ?town\nWHERE { ?town ?p ?o \n", encoding="utf-8")
    result = invoke(runner, "query", str(broken), "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{broken}:3:1: error: syntax error")


def test_query_with_an_undeclared_prefix_exits_2_saying_the_prefix_is_missing(runner):
    result = invoke(runner, "query", "SELECT ?x WHERE { ?x nope:name ?name }", "--format", "json")
    assert result.exit_code == 2
    assert "error: syntax error" in result.stderr
    assert "Prefix not found" in result.stderr
