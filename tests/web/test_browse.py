"""Pages for people: the network at /network and /network.svg, and the class index at
/classes/ ("pages for people" issue)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

SVG = "{http://www.w3.org/2000/svg}"
HTML = {"Accept": "text/html"}


class Links(HTMLParser):
    """The hrefs of the links inside the first element with ``container_class``, the links
    with a ``rel``, and whether any element has a style attribute or a script."""

    def __init__(self, container_class: str) -> None:
        super().__init__()
        self.container_class = container_class
        self.depth = 0
        self.hrefs: list[str] = []
        self.rels: dict[str, str] = {}
        self.styled = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.styled |= "style" in attributes or tag in ("script", "style")
        if attributes.get("rel") and tag in ("a", "link"):
            self.rels.setdefault(attributes["rel"], attributes["href"])
        if self.depth:
            self.depth += 1
            if tag == "a":
                self.hrefs.append(attributes["href"])
        elif attributes.get("class") == self.container_class:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1


def links(html: str, container_class: str) -> Links:
    parser = Links(container_class)
    parser.feed(html)
    return parser


def test_class_page_lists_exactly_the_municipalities(client):
    response = client.get("/classes/municipality?lang=en", headers=HTML)
    assert response.status_code == 200
    assert links(response.text, "instances").hrefs == ["/municipality/amal",
                                                       "/municipality/kubrat"]
    assert "<h1>Municipality</h1>" in response.text


def test_class_page_labels_follow_accept_language(client):
    response = client.get("/classes/municipality", headers={**HTML, "Accept-Language": "bg"})
    assert '<html lang="bg">' in response.text
    assert re.search(r">Кубрат</a>.*>Омол</a>", response.text, re.S)
    assert "Accept-Language" in response.headers["Vary"]


def test_paging_at_the_boundary(client, monkeypatch):
    monkeypatch.setattr("coopgraph.browse.PAGE_SIZE", 1)
    first = client.get("/classes/municipality?lang=en", headers=HTML)
    last = client.get("/classes/municipality?lang=en&page=2", headers=HTML)
    beyond = client.get("/classes/municipality?lang=en&page=3", headers=HTML)
    assert links(first.text, "instances").hrefs == ["/municipality/amal"]
    assert "prev" not in links(first.text, "pager").rels
    assert links(first.text, "pager").rels["next"] == "?lang=en&page=2"
    assert links(last.text, "instances").hrefs == ["/municipality/kubrat"]
    assert links(last.text, "pager").rels["prev"] == "?lang=en&page=1"
    assert "next" not in links(last.text, "pager").rels
    assert '<ol class="instances" start="2">' in last.text
    assert beyond.status_code == 404


@pytest.mark.parametrize("page", ["x", "-1", "1.5", "٣"])
def test_a_page_that_is_not_a_number_is_a_bad_request(client, page):
    assert client.get(f"/classes/municipality?page={page}").status_code == 400


def test_unknown_class_is_404(client):
    response = client.get("/classes/unicorn", headers=HTML)
    assert response.status_code == 404
    assert "unicorn" in response.text


def test_class_index_lists_classes_in_use_with_counts(client):
    response = client.get("/classes/?lang=en", headers=HTML)
    assert response.status_code == 200
    hrefs = links(response.text, "classes").hrefs
    assert "/classes/municipality?lang=en" in hrefs
    assert "/classes/relationship?lang=en" in hrefs
    assert "/classes/decision?lang=en" not in hrefs
    assert re.search(r'Municipality</a></th><td class="number">2</td>', response.text)


def test_classes_without_slash_redirects(client):
    assert client.get("/classes").status_code == 308


def test_network_svg_is_an_svg_image_with_a_link_per_municipality(client):
    response = client.get("/network.svg?lang=en")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    svg = ET.fromstring(response.data)
    hrefs = sorted(a.get("href") for a in svg.iter(f"{SVG}a"))
    assert hrefs == ["/municipality/amal", "/municipality/kubrat"]
    legend = [text.text for group in svg.iter(f"{SVG}g") if group.get("class") == "legend"
              for text in group.iter(f"{SVG}text")]
    assert "Cooperation" in legend


def test_network_page_embeds_the_svg_and_a_table(client):
    response = client.get("/network", headers={**HTML, "Accept-Language": "bg"})
    assert response.status_code == 200
    assert '<html lang="bg">' in response.text
    svg_text = re.search(r"<svg.*?</svg>", response.text, re.S).group(0)
    svg = ET.fromstring(svg_text)
    assert svg.get("aria-labelledby") == "network-title network-desc"
    assert "Омол" in [text.text for text in svg.iter(f"{SVG}text")]
    assert '<th scope="row">' in response.text
    assert not links(response.text, "none").styled  # the CSP forbids inline styles and scripts
    assert 'href="/network.svg?lang=bg"' in response.text


@pytest.mark.parametrize("path", ["/network", "/network.svg", "/classes/",
                                  "/classes/municipality"])
def test_pages_have_validators_and_answer_304(client, path):
    response = client.get(path)
    assert response.headers["ETag"] and response.headers["Last-Modified"]
    again = client.get(path, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_the_language_is_part_of_the_etag(client):
    english = client.get("/network?lang=en").headers["ETag"]
    bulgarian = client.get("/network?lang=bg").headers["ETag"]
    assert english != bulgarian


def test_home_and_navigation_link_to_the_new_pages(client):
    home = client.get("/", headers=HTML).text
    assert 'href="/network"' in home
    assert 'href="/classes/"' in home
