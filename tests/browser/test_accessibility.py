"""Accessibility in a real browser: axe-core (bundled by axe-playwright-python) finds no serious
or critical violations on any kind of page; the workbench works from the keyboard; printing
leaves out navigation and forms ("pages for people" issue)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.server

SELECT = ("SELECT ?m ?name WHERE { ?m a <https://w3id.org/coopgraph/ontology#Municipality> ; "
          "<http://www.w3.org/2004/02/skos/core#prefLabel> ?name } LIMIT 10")
PAGES = {
    "home": "/",
    "home-bg": "/?lang=bg",
    "resource": "/municipality/kubrat",
    "resource-bg": "/municipality/kubrat?lang=bg",
    "project": "/project/open-windows-to-active-citizenship",
    "classes": "/classes/",
    "class": "/classes/municipality",
    "network": "/network",
    "ontology": "/ontology",
    "workbench": "/sparql",
    "workbench-results": "/sparql?" + urlencode({"query": SELECT}),
    "workbench-error": "/sparql?" + urlencode({"query": "SELECT ?x WHERE {"}),
    "canned-queries": "/queries/",
    "not-found": "/municipality/atlantis",
}
FAILING_IMPACTS = ("serious", "critical")


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['impact']}: {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. "
                     f"{v['nodes'][0]['target']}: {v['nodes'][0]['html'][:120]})"
                     for v in violations)


@pytest.mark.parametrize("kind", PAGES)
def test_no_serious_accessibility_violations(kubrat_site, open_tab, kind):
    tab = open_tab(kubrat_site)
    response = tab.page.goto(PAGES[kind])
    violations = axe_violations(tab.page)
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert failing == [], describe(failing)
    if response.ok:  # the browser reports an error status in the console, rightly
        tab.assert_clean()


def test_axe_finds_violations_where_there_are_some(kubrat_site, open_tab):
    """The check can fail: an image without a text alternative and grey-on-grey text."""
    tab = open_tab(kubrat_site)
    tab.page.goto("/")
    tab.page.evaluate("""() => {
        const main = document.querySelector("main");
        const image = document.createElement("img");
        image.src = "/static/favicon.svg";
        const faint = document.createElement("p");
        faint.textContent = "hard to read";
        faint.style.color = "#ccc";
        faint.style.background = "#ddd";
        main.append(image, faint);
    }""")
    found = {v["id"] for v in axe_violations(tab.page) if v["impact"] in FAILING_IMPACTS}
    assert {"image-alt", "color-contrast"} <= found, found


def test_the_run_button_is_reached_and_pressed_with_the_keyboard(kubrat_site, open_tab):
    tab = open_tab(kubrat_site)
    tab.page.goto("/sparql")
    run = tab.page.get_by_role("button", name="Run", exact=True)
    for _ in range(40):
        tab.page.keyboard.press("Tab")
        if run.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the Run button")
    outline = run.evaluate("button => getComputedStyle(button).outlineStyle")
    assert outline != "none", "the focused button shows no focus ring"
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_load_state()
    expect(tab.page.get_by_role("heading", name="Results")).to_be_visible()
    tab.assert_clean()


def test_skip_link_is_the_first_stop_and_leads_to_the_content(kubrat_site, open_tab):
    tab = open_tab(kubrat_site)
    tab.page.goto("/municipality/kubrat")
    tab.page.keyboard.press("Tab")
    skip = tab.page.locator("a.skip")
    assert skip.evaluate("link => link === document.activeElement")
    expect(skip).to_be_visible()  # shown while focused
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("location.hash") == "#content"
    tab.assert_clean()


@pytest.mark.parametrize("path", ["/municipality/kubrat", "/sparql", "/ontology"])
def test_print_leaves_out_navigation_and_forms(kubrat_site, open_tab, path):
    tab = open_tab(kubrat_site)
    tab.page.goto(path)
    tab.page.emulate_media(media="print")
    for selector in ("header.site nav", "nav.languages", "form", "a.skip"):
        for element in tab.page.locator(selector).all():
            expect(element).to_be_hidden()
    expect(tab.page.locator("main h1")).to_be_visible()
    tab.page.emulate_media(media="screen")
    expect(tab.page.locator("header.site nav")).to_be_visible()
    tab.assert_clean()


def test_ontology_hash_iri_lands_on_the_term(kubrat_site, open_tab):
    tab = open_tab(kubrat_site)
    tab.page.goto("/ontology#Municipality")
    term = tab.page.locator("#Municipality")
    expect(term.get_by_role("heading", level=3)).to_contain_text("Municipality")
    expect(term).to_be_in_viewport()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)  # the visible part: the page is long
    tab.page.screenshot(path=str(SCREENSHOTS / "ontology-municipality.png"))
    tab.page.goto("/ontology?lang=bg#relationship-kind/twinning")
    expect(tab.page.locator("[id='relationship-kind/twinning']")).to_be_in_viewport()
    tab.assert_clean()
