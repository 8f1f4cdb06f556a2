"""The query workbench (GET /sparql in a browser) and the canned queries at /queries/, through
the Flask test client (the "pages for people" issue). Machines keep the protocol's formats."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from rdflib import Graph, URIRef

from coopgraph.vocab import PREFIXES
from coopgraph.web import workbench

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
BASE = "https://w3id.org/coopgraph/kubrat/"
MUNICIPALITIES = ("SELECT ?m ?label WHERE { ?m a <https://w3id.org/coopgraph/ontology#Municipality>"
                  " ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?m")
CONSTRUCT = ("CONSTRUCT { ?m a <https://w3id.org/coopgraph/ontology#Municipality> } WHERE "
             "{ ?m a <https://w3id.org/coopgraph/ontology#Municipality> }")


class Page(HTMLParser):
    """The elements of a page (tag, attributes) and the text of its results table's cells."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None
        self._textarea: list[str] | None = None
        self.textarea = ""
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "td":
            self._cell = []
        if tag == "textarea":
            self._textarea = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None
        if tag == "textarea" and self._textarea is not None:
            self.textarea = "".join(self._textarea)
            self._textarea = None

    def handle_data(self, data):
        for sink in (self._cell, self._textarea):
            if sink is not None:
                sink.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [found for name, found in self.elements if name == tag
                and all(found.get(key.replace("_", "-")) == value for key, value in attrs.items())]

    def links(self) -> list[str]:
        return [attrs["href"] for attrs in self.find("a") if "href" in attrs]


def _run(client, query: str, headers=None, **parameters):
    return client.get("/sparql?" + urlencode({"query": query, **parameters}),
                      headers=BROWSER if headers is None else headers)


def test_a_browser_without_a_query_gets_the_workbench(client):
    response = client.get("/sparql", headers=BROWSER)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = Page(response.text)
    form = page.find("form", action="/sparql")[0]
    assert form["method"] == "get"
    assert page.find("label", **{"for": "query"}) and page.find("textarea", id="query",
                                                               name="query")
    assert page.find("button", type="submit")
    assert page.find("script", src="/static/workbench.js")


def test_the_editor_starts_with_every_prefix(client):
    editor = Page(client.get("/sparql", headers=BROWSER).text).textarea
    for prefix, namespace in PREFIXES.items():
        assert f"PREFIX {prefix}: <{namespace}>\n" in editor
    assert "SELECT" in editor


def test_the_picker_offers_each_canned_query_by_its_question(client):
    page = Page(client.get("/sparql", headers=BROWSER).text)
    options = {option["value"]: option for option in page.find("option") if option["value"]}
    assert "kubrat-partners" in options
    assert "MunicipalRelationship" in options["kubrat-partners"]["data-query"]
    assert re.search(r"Who are Kubrat's partners, in which country",
                     html.unescape(client.get("/sparql", headers=BROWSER).text))
    picker_form = page.find("form", action="/queries/")[0]
    assert picker_form["method"] == "get"


@pytest.mark.parametrize("headers", [{}, {"Accept": "*/*"}, {"Accept": "text/turtle"},
                                     {"Accept": "text/turtle, text/html"}])
def test_machines_without_a_query_still_get_the_service_description(client, headers):
    response = client.get("/sparql", headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"


def test_results_are_a_table_linking_iris_to_their_pages(client):
    response = _run(client, MUNICIPALITIES)
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = Page(response.text)
    assert "/municipality/kubrat" in page.links()
    assert "Åmål" in page.cells and "Кубрат" in page.cells
    assert page.textarea.strip() == MUNICIPALITIES


def test_external_iris_link_to_themselves(client):
    query = "SELECT ?x WHERE { BIND (<http://publications.europa.eu/resource/authority/" \
            "country/SWE> AS ?x) }"
    assert ("http://publications.europa.eu/resource/authority/country/SWE"
            in Page(_run(client, query).text).links())


@pytest.mark.parametrize(("accept", "media_type"), [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+json, text/html", "application/sparql-results+json"),
    ("text/csv;q=0.9, text/html;q=0.5", "text/csv"),
    ("text/html;q=0.9, application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/html", "text/html"),
    ("application/json;q=0.5, text/html", "text/html"),
])
def test_html_only_when_the_client_prefers_it(client, accept, media_type):
    response = _run(client, MUNICIPALITIES, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.mimetype == media_type


def test_format_parameter_wins_both_ways(client):
    assert _run(client, MUNICIPALITIES, format="csv").mimetype == "text/csv"
    assert _run(client, MUNICIPALITIES, {"Accept": "application/sparql-results+json"},
                format="html").mimetype == "text/html"


def test_ask_answers_yes_or_no(client):
    assert "Yes" in _run(client, "ASK { ?s ?p ?o }").text
    assert "No" in _run(client, "ASK { <http://x.example/a> ?p ?o }").text


def test_construct_results_are_turtle_in_a_pre(client):
    text = _run(client, CONSTRUCT).text
    turtle = html.unescape(re.search(r'<pre class="turtle">(.*?)</pre>', text, re.S).group(1))
    graph = Graph().parse(data=turtle, format="turtle")
    assert (URIRef(BASE + "municipality/kubrat"), None, None) in graph


def _downloads(text: str) -> dict[str, str]:
    section = re.search(r'<p class="downloads">(.*?)</p>', text, re.S).group(1)
    return {html.unescape(name): html.unescape(href)
            for href, name in re.findall(r'<a href="([^"]+)">([^<]+)</a>', section)}


@pytest.mark.parametrize(("query", "formats"), [
    (MUNICIPALITIES, {"CSV": "text/csv", "JSON": "application/sparql-results+json",
                      "TSV": "text/tab-separated-values", "XML": "application/sparql-results+xml"}),
    (CONSTRUCT, {"Turtle": "text/turtle", "N-Triples": "application/n-triples",
                 "JSON-LD": "application/ld+json", "RDF/XML": "application/rdf+xml"}),
])
def test_download_links_give_the_same_query_in_each_format(client, query, formats):
    links = _downloads(_run(client, query).text)
    assert set(links) == set(formats)
    for name, href in links.items():
        assert parse_qs(urlsplit(href).query)["query"] == [query]
        response = client.get(href, headers=BROWSER)
        assert response.status_code == 200
        assert response.mimetype == formats[name]


def test_download_links_and_the_form_keep_the_dataset(client):
    graph = BASE + "graph/sources"
    text = _run(client, MUNICIPALITIES, **{"default-graph-uri": graph}).text
    href = _downloads(text)["CSV"]
    assert parse_qs(urlsplit(href).query)["default-graph-uri"] == [graph]
    assert Page(text).find("input", type="hidden", name="default-graph-uri", value=graph)


def test_a_syntax_error_is_shown_by_the_query_with_its_line_and_column(client):
    query = "SELECT ?x\nWHERE { ?x ?y }"
    response = _run(client, query)
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert re.search(r"syntax error: .*\(line 2, column \d+\)", response.text)
    assert Page(response.text).textarea.strip() == query
    assert "Traceback" not in response.text
    assert response.headers["Cache-Control"] == "no-store"


def test_a_refused_service_is_403_on_the_page(client):
    response = _run(client, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert response.status_code == 403
    assert "not allowed" in response.text
    assert "SERVICE" in Page(response.text).textarea


def test_a_refused_update_is_403_on_the_page(client):
    response = client.get("/sparql?" + urlencode({"update": "CLEAR ALL"}), headers=BROWSER)
    assert response.status_code == 403
    assert response.mimetype == "text/html"
    assert "read-only" in response.text
    assert Page(response.text).textarea.strip() == "CLEAR ALL"


def test_an_empty_query_is_400_on_the_page(client):
    response = _run(client, "  ")
    assert response.status_code == 400
    assert "empty" in response.text and Page(response.text).find("textarea", id="query")


def test_machines_still_get_plain_errors(client):
    response = _run(client, "SELECT ?x WHERE { ?x ?y }", {"Accept": "*/*"})
    assert response.status_code == 400
    assert response.mimetype == "text/plain"


def test_markup_in_results_and_in_the_query_is_shown_as_text(client):
    query = 'SELECT ?x WHERE { BIND ("<script>alert(1)</script></textarea>" AS ?x) }'
    text = _run(client, query).text
    assert "<script>alert" not in text and "</textarea>\"" not in text
    page = Page(text)
    assert "<script>alert(1)</script></textarea>" in page.cells
    assert page.textarea.strip() == query


def test_the_page_stays_within_the_content_security_policy(client):
    response = _run(client, MUNICIPALITIES)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    page = Page(response.text)
    assert all("src" in attrs for attrs in page.find("script"))
    assert not page.find("style")
    assert not [attrs for _, attrs in page.elements
                if "style" in attrs or any(name.startswith("on") for name in attrs)]


def test_the_script_is_served_from_this_site(client):
    response = client.get("/static/workbench.js")
    assert response.status_code == 200
    assert "javascript" in response.mimetype
    response.close()


def test_pages_have_validators_and_vary_on_accept(client):
    first = _run(client, MUNICIPALITIES)
    assert first.headers["ETag"] and "Accept" in first.headers["Vary"]
    again = _run(client, MUNICIPALITIES, {**BROWSER, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    machine = _run(client, MUNICIPALITIES, {"If-None-Match": first.headers["ETag"]})
    assert machine.status_code == 200 and machine.mimetype == "application/sparql-results+json"


def test_a_page_in_another_language_is_not_taken_for_the_cached_one(client):
    english = _run(client, MUNICIPALITIES, {**BROWSER, "Accept-Language": "en"})
    assert "Accept-Language" in english.headers["Vary"]
    bulgarian = _run(client, MUNICIPALITIES, {**BROWSER, "Accept-Language": "bg",
                                              "If-None-Match": english.headers["ETag"]})
    assert bulgarian.status_code == 200 and "Резултати" in bulgarian.text
    index = client.get("/queries/", headers={**BROWSER, "Accept-Language": "en"})
    assert client.get("/queries/?lang=bg", headers={
        **BROWSER, "If-None-Match": index.headers["ETag"]}).status_code == 200


def test_long_results_show_the_first_rows_and_say_so(client, monkeypatch):
    monkeypatch.setattr(workbench, "MAX_ROWS", 2)
    text = _run(client, MUNICIPALITIES).text
    assert "the first 2 are shown" in text
    assert text.count("<tr><td") == 2


def test_the_index_lists_the_canned_queries_for_people_and_machines(client):
    page = Page(client.get("/queries/", headers=BROWSER).text)
    assert "/queries/kubrat-partners" in page.links()
    listed = client.get("/queries/").get_json()
    by_name = {entry["name"]: entry for entry in listed}
    assert by_name["kubrat-partners"]["question"].startswith("Who are Kubrat's partners")
    assert by_name["kubrat-partners"]["url"] == "http://coopgraph.test/queries/kubrat-partners"
    assert client.get("/queries/?format=json", headers=BROWSER).mimetype == "application/json"
    assert client.get("/queries/?format=png").status_code == 406


def test_a_canned_query_answers_like_the_endpoint(client):
    text = client.get("/queries/", headers={"Accept": "application/json"}).get_json()
    query = next(entry["query"] for entry in text if entry["name"] == "kubrat-partners")
    canned = client.get("/queries/kubrat-partners")
    assert canned.status_code == 200
    assert canned.mimetype == "application/sparql-results+json"
    assert canned.get_json() == _run(client, query, {}).get_json()
    assert canned.get_json()["results"]["bindings"]


@pytest.mark.parametrize(("headers", "parameters", "media_type"), [
    ({"Accept": "text/csv"}, "", "text/csv"),
    ({}, "?format=tsv", "text/tab-separated-values"),
    ({"Accept": "application/sparql-results+xml"}, "", "application/sparql-results+xml"),
    (BROWSER, "?format=csv", "text/csv"),
])
def test_a_canned_query_is_negotiated(client, headers, parameters, media_type):
    response = client.get("/queries/kubrat-partners" + parameters, headers=headers)
    assert response.status_code == 200
    assert response.mimetype == media_type


def test_a_canned_query_gives_304_for_its_etag(client):
    first = client.get("/queries/funding")
    again = client.get("/queries/funding", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/queries/funding", headers={"Accept": "image/png"}).status_code == 406


def test_a_browser_gets_the_canned_query_filled_in_and_run(client):
    response = client.get("/queries/kubrat-partners", headers=BROWSER)
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = Page(response.text)
    assert "coop:MunicipalRelationship" in page.textarea
    assert "Åmål" in page.cells
    assert page.find("option", value="kubrat-partners", selected=None)
    assert "/queries/kubrat-partners?format=csv" in [html.unescape(link) for link in page.links()]
    assert "<h1>Who are Kubrat&#39;s partners" in response.text


def test_the_picker_without_javascript_leads_to_the_canned_query(client):
    response = client.get("/queries/?name=kubrat-partners", headers=BROWSER)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/queries/kubrat-partners")


@pytest.mark.parametrize("path", ["/queries/no-such-question", "/queries/Kubrat-Partners",
                                  "/queries/kubrat-partners.rq", "/queries/..%2Fpyproject",
                                  "/queries/README", "/queries/?name=../pyproject"])
def test_unknown_or_unsafe_names_are_404(client, path):
    response = client.get(path, headers=BROWSER)
    assert response.status_code == 404
    assert "Traceback" not in response.text
