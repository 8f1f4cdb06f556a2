"""Walking the published pages in a real browser, by clicking links as a reader would."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.server


def click_link(tab, text: str) -> None:
    """Click the first link in the page's main content whose visible text is ``text``."""
    tab.page.locator("main").get_by_role("link", name=text, exact=True).first.click()
    tab.page.wait_for_load_state()


def test_walk_from_home_to_the_lifelong_learning_programme(kubrat_site, open_tab):
    """Home -> Kubrat -> the Kubrat–Skuodas relationship -> its project -> Comenius Regio ->
    (part of programme) Comenius -> (part of programme) Lifelong Learning Programme."""
    tab = open_tab(kubrat_site)
    tab.page.goto("/")
    expect(tab.page.locator("h1")).to_have_text("International cooperation of Kubrat Municipality")
    tab.screenshot("home")

    steps = [
        ("Kubrat Municipality", "Kubrat Municipality", "/doc/municipality/kubrat"),
        ("Kubrat – Skuodas", "Kubrat – Skuodas", "/doc/relationship/kubrat-skuodas"),
        ("Open windows to active citizenship", "Open windows to active citizenship",
         "/doc/project/open-windows-to-active-citizenship"),
        ("Comenius Regio", "Comenius Regio", "/doc/programme/comenius-regio"),
        ("Comenius", "Comenius", "/doc/programme/comenius"),
        ("Lifelong Learning Programme", "Lifelong Learning Programme",
         "/doc/programme/lifelong-learning-programme"),
    ]
    for link_text, heading, path in steps:
        click_link(tab, link_text)
        expect(tab.page).to_have_url(re.compile(re.escape(path) + "$"))
        expect(tab.page.locator("h1")).to_have_text(heading)
        if path.endswith("/kubrat"):
            tab.screenshot("municipality-kubrat")
        elif "/project/" in path:
            tab.screenshot("project-open-windows")
    tab.assert_clean()


def test_part_of_programme_links_climb_the_programme_hierarchy(kubrat_site, open_tab):
    """The links that lead up from Comenius Regio are its "part of programme" facts."""
    tab = open_tab(kubrat_site)
    for start, parent in (("/programme/comenius-regio", "Comenius"),
                          ("/programme/comenius", "Lifelong Learning Programme")):
        tab.page.goto(start)
        row = tab.page.locator("table.facts tr", has=tab.page.get_by_role(
            "rowheader", name=re.compile("part of programme", re.IGNORECASE)))
        expect(row.get_by_role("link", name=parent, exact=True)).to_be_visible()
    tab.assert_clean()


def test_language_switch_shows_the_bulgarian_label(kubrat_site, open_tab):
    tab = open_tab(kubrat_site)
    tab.page.goto("/municipality/kubrat")
    expect(tab.page.locator("h1")).to_have_text("Kubrat Municipality")

    switch = tab.page.locator(".languages")
    switch.get_by_role("link", name=re.compile(r"^(bg|Български)$")).click()
    tab.page.wait_for_load_state()

    expect(tab.page.locator("h1")).to_have_text("Община Кубрат")
    expect(tab.page.locator("html")).to_have_attribute("lang", "bg")
    tab.screenshot("municipality-kubrat-bg")
    tab.assert_clean()
