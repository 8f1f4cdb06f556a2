"""Browsing by class: class names, counts, instances sorted by label, paging ("pages for
people" issue)."""

from __future__ import annotations

import pytest

from coopgraph.browse import (
    class_name,
    collation_key,
    find_class,
    list_classes,
    list_instances,
)
from coopgraph.errors import NotFound
from coopgraph.project import open_project_store
from coopgraph.settings import Settings
from coopgraph.vocab import COOP
from tests.conftest import REPO

BASE = "https://w3id.org/coopgraph/kubrat/"


@pytest.fixture(scope="module")
def store():
    return open_project_store(Settings(root=REPO), [REPO / "tests" / "data"])


def link(iri: str) -> str:
    return "/" + iri.removeprefix(BASE)


@pytest.mark.parametrize(("iri", "name"), [
    (COOP.Municipality, "municipality"), (COOP.FundingBody, "funding-body"),
    (COOP.MunicipalRelationship, "relationship"), (COOP.InformationMaterial,
                                                   "information-material")])
def test_classes_are_named_in_kebab_case(iri, name):
    assert class_name(str(iri)) == name


def test_classes_in_use_have_counts_and_labels_in_the_readers_language(store):
    classes = {info.name: info for info in list_classes(store, "bg")}
    assert classes["municipality"].count == 2
    assert classes["municipality"].label == "Община"
    assert classes["relationship"].count == 1
    assert "decision" not in classes  # no decision in the fixture data
    assert "participation" not in classes  # participations are blank nodes: no pages


def test_instances_of_subclasses_count_for_the_superclass(write):
    data = write("extra/agreement.ttl", """@prefix coop: <https://w3id.org/coopgraph/ontology#> .
<agreement/kubrat-amal> a coop:TwinningProtocol .
""")
    store = open_project_store(Settings(root=REPO), [REPO / "tests" / "data", data])
    classes = {info.name: info for info in list_classes(store, "en")}
    assert classes["twinning-protocol"].count == 1
    assert classes["agreement"].count == 1
    agreement = find_class(store, "agreement", "en")
    assert [item.href for item in list_instances(store, agreement, "en", 1, link).items] == [
        "/agreement/kubrat-amal"]


def test_an_unknown_class_is_not_found(store):
    with pytest.raises(NotFound, match="no class called 'unicorn'"):
        find_class(store, "unicorn", "en")


def test_instances_are_the_municipalities_sorted_by_label(store):
    municipality = find_class(store, "municipality", "en")
    page = list_instances(store, municipality, "en", 1, link)
    assert [(item.label, item.href) for item in page.items] == [
        ("Åmål", "/municipality/amal"), ("Kubrat", "/municipality/kubrat")]
    assert (page.number, page.pages, page.total, page.previous, page.next) == (1, 1, 2, None,
                                                                               None)


def test_bulgarian_labels_sort_in_bulgarian(store):
    municipality = find_class(store, "municipality", "bg")
    page = list_instances(store, municipality, "bg", 1, link)
    assert [item.label for item in page.items] == ["Кубрат", "Омол"]


def test_paging_at_the_boundary(store):
    municipality = find_class(store, "municipality", "en")
    first = list_instances(store, municipality, "en", 1, link, page_size=1)
    last = list_instances(store, municipality, "en", 2, link, page_size=1)
    assert [item.label for item in first.items] == ["Åmål"]
    assert (first.previous, first.next, first.first) == (None, 2, 1)
    assert [item.label for item in last.items] == ["Kubrat"]
    assert (last.previous, last.next, last.first) == (1, None, 2)
    with pytest.raises(NotFound):
        list_instances(store, municipality, "en", 3, link, page_size=1)
    with pytest.raises(NotFound):
        list_instances(store, municipality, "en", 0, link, page_size=1)


def test_exactly_full_pages_make_no_empty_last_page(store):
    municipality = find_class(store, "municipality", "en")
    page = list_instances(store, municipality, "en", 1, link, page_size=2)
    assert (page.pages, page.next) == (1, None)


def test_a_class_without_instances_has_one_empty_page(store):
    decision = find_class(store, "decision", "en")
    page = list_instances(store, decision, "en", 1, link)
    assert (page.items, page.pages, page.total) == ((), 1, 0)


def test_collation_ignores_case_and_accents_but_keeps_cyrillic_short_i():
    assert sorted(["Zebra", "Türi", "åmål", "Turin"], key=collation_key) == [
        "åmål", "Türi", "Turin", "Zebra"]
    assert collation_key("Йордан") != collation_key("Иордан")
