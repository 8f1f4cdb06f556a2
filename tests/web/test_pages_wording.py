"""The pages' own words follow the reader's language (coopgraph.wording), and what refers to
a resource is grouped by how it refers to it ("pages for people" issue)."""

from __future__ import annotations

import re
import string

import pyoxigraph
import pytest

from coopgraph.describe import describe_resource
from coopgraph.pages import build_page
from coopgraph.wording import LANGUAGES, WORDS

HTML = {"Accept": "text/html"}
COOP = "https://w3id.org/coopgraph/ontology#"
BASE = "https://w3id.org/coopgraph/kubrat/"


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_every_language_has_every_word_with_the_same_placeholders():
    english = WORDS["en"]
    for lang in LANGUAGES:
        assert set(WORDS[lang]) == set(english), lang
        for key, text in WORDS[lang].items():
            if isinstance(text, str):
                assert _fields(text) == _fields(english[key]), (lang, key)
                assert text.strip(), (lang, key)


@pytest.mark.parametrize("path", ["/", "/doc/municipality/kubrat", "/classes/", "/network",
                                  "/ontology", "/sparql", "/municipality/atlantis"])
def test_navigation_and_footer_follow_the_language(client, path):
    english = client.get(path, headers=HTML).text
    bulgarian = client.get(path, headers={**HTML, "Accept-Language": "bg"}).text
    assert '<html lang="en">' in english and '<html lang="bg">' in bulgarian
    for key in ("nav_network", "nav_classes", "nav_ontology", "skip_to_content", "footer"):
        assert WORDS["en"][key] in english, key
        assert WORDS["bg"][key] in bulgarian, key


def test_resource_page_headings_in_bulgarian(client):
    page = client.get("/doc/municipality/kubrat?lang=bg", headers=HTML).text
    for heading in ("Факти", "Посочен в", "Източници"):
        assert f">{heading}</h2>" in page
    assert ">Свойство</th>" in page and ">Стойност</th>" in page
    assert "Това описание като" in page


def test_workbench_words_follow_the_language(client):
    page = client.get("/sparql?lang=bg", headers=HTML).text
    assert ">Заявка</label>" in page
    assert ">Изпълни</button>" in page


def test_incoming_links_are_grouped_by_how_they_refer(client):
    page = client.get("/doc/municipality/kubrat", headers=HTML).text
    section = page[page.index('id="incoming"'):page.index('id="sources"')]
    headings = re.findall(r"<h3 id=\"incoming-\d+\">(.*?)</h3>", section)
    assert "as “party”" in headings
    party = section[section.index("as “party”"):]
    party = party[:party.index("</ul>")]
    assert 'href="/relationship/kubrat-amal"' in party
    bulgarian = client.get("/doc/municipality/kubrat?lang=bg", headers=HTML).text
    assert "като „страна“" in bulgarian


def test_an_inverse_label_in_the_ontology_names_the_group():
    """Where the ontology names the inverse of a property, its label reads from the other
    side: "Partner in" rather than "as “party”"."""
    store = pyoxigraph.Store()
    store.load(f"""
        @prefix coop: <{COOP}> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        coop:party rdfs:label "party"@en .
        [] owl:inverseOf coop:party ; rdfs:label "Partner in"@en, "Партньор в"@bg .
        <{BASE}relationship/a-b> coop:party <{BASE}municipality/a> ;
            skos:prefLabel "A – B"@en .
        <{BASE}relationship/a-c> coop:party <{BASE}municipality/a> ;
            skos:prefLabel "A – C"@en .
        <{BASE}municipality/a> skos:prefLabel "A"@en .
    """, format=pyoxigraph.RdfFormat.TURTLE, to_graph=pyoxigraph.NamedNode(f"{BASE}graph/x"))
    description = describe_resource(store, f"{BASE}municipality/a")
    for lang, label in (("en", "Partner in"), ("bg", "Партньор в")):
        page = build_page(description, lang, lambda iri: None)
        [group] = page.incoming
        assert (group.label, group.inverse) == (label, True)
        assert [value.text for value in group.values] == ["A – B", "A – C"]
