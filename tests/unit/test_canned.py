"""Canned queries: found by listing queries/, named by kebab-case stems, titled by the question
on their first line (the "pages for people" issue)."""

from __future__ import annotations

import pytest

from coopgraph.canned import find_canned_query, is_canned_name, list_canned_queries, read_question
from coopgraph.errors import LoadError, NotFound
from tests.conftest import REPO


@pytest.fixture
def queries_dir(write):
    write("queries/who-partners.rq", "# Who are the partners?\nSELECT * WHERE { ?s ?p ?o }\n")
    write("queries/no-question.rq", "SELECT * WHERE { ?s ?p ?o }\n")
    write("queries/Not_Kebab.rq", "# Hidden?\nASK {}\n")
    write("queries/notes.txt", "# not a query\n")
    write("secret.rq", "# outside the folder\nASK {}\n")
    return write("queries/README.md", "").parent


def test_question_is_the_first_comment_line():
    assert read_question("#  Who funded what?  \n# more\nSELECT", "x") == "Who funded what?"


@pytest.mark.parametrize("text", ["SELECT * {}", "", "#\nSELECT", "\n# late comment"])
def test_name_stands_in_when_the_first_line_asks_nothing(text):
    assert read_question(text, "fallback") == "fallback"


def test_listing_keeps_only_kebab_case_rq_files_sorted_by_name(queries_dir):
    found = list_canned_queries(queries_dir)
    assert [query.name for query in found] == ["no-question", "who-partners"]
    assert found[1].question == "Who are the partners?"
    assert found[1].text.startswith("# Who are the partners?")
    assert found[0].question == "no-question"


def test_a_missing_folder_has_no_canned_queries(tmp_path):
    assert list_canned_queries(tmp_path / "nowhere") == ()


def test_a_canned_query_is_found_by_its_name(queries_dir):
    assert find_canned_query(queries_dir, "who-partners").question == "Who are the partners?"


@pytest.mark.parametrize("name", ["../secret", "..", "secret", "Not_Kebab", "who-partners.rq",
                                  "who-partners/", "/etc/passwd", "who--partners", "-who",
                                  "notes", "", "a" * 101, "who-partners\x00"])
def test_other_names_are_not_found_and_reach_no_file(queries_dir, name):
    with pytest.raises(NotFound) as caught:
        find_canned_query(queries_dir, name)
    assert "who-partners" in caught.value.hint


@pytest.mark.parametrize(("name", "expected"), [
    ("kubrat-partners", True), ("q1", True), ("a", True), ("Kubrat", False), ("a_b", False),
    ("a.b", False), ("a-", False), ("", False), ("a/b", False), ("é", False)])
def test_plain_kebab_case_stems_are_names(name, expected):
    assert is_canned_name(name) is expected


def test_a_query_file_that_is_not_utf8_is_a_load_error_naming_it(tmp_path):
    (tmp_path / "broken.rq").write_bytes(b"# Qu\xe9stion?\nASK {}\n")
    with pytest.raises(LoadError) as caught:
        find_canned_query(tmp_path, "broken")
    assert "broken.rq" in str(caught.value.location)


def test_every_bundled_query_states_its_question():
    found = list_canned_queries(REPO / "queries")
    assert {query.name for query in found} >= {"kubrat-partners", "funding"}
    assert all(query.question.endswith("?") for query in found)
