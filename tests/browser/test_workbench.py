"""The query workbench: GET /sparql in a browser, a canned query, results as a table that a
shared URL shows again."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.server

CANNED = "kubrat-partners"
CANNED_WORDS = re.compile(r"partners of Kubrat|Kubrat's partners", re.IGNORECASE)
PARTNERS = ("Åmål", "Türi", "Videle", "Skuodas", "Ergene")


def pick_canned_query(page, name: str, words: re.Pattern) -> None:
    """Choose the canned query ``name`` with the workbench's picker: an option of a <select>
    whose value names the query or whose text matches ``words``, or else a link to it."""
    options = [option for option in page.locator("main select option").all()
               if name in (option.get_attribute("value") or "")
               or words.search(option.inner_text())]
    if options:
        picker = options[0].locator("xpath=ancestor::select[1]")
        picker.select_option(value=options[0].get_attribute("value"))
        own_form = picker.locator("xpath=ancestor::form[1]")
        if own_form.count() and not own_form.locator('textarea[name="query"]').count():
            own_form.locator('button, input[type="submit"]').first.click()
            page.wait_for_load_state()
    else:
        page.locator(f'main a[href*="{name}"]').first.click()
        page.wait_for_load_state()


def results_table(page):
    return page.locator("main table").filter(has=page.locator("tbody tr")).last


def test_canned_query_results_and_their_url(kubrat_site, open_tab):
    tab = open_tab(kubrat_site)
    response = tab.page.goto("/sparql")
    assert response.status == 200, f"GET /sparql in a browser answered {response.status}"
    editor = tab.page.locator('form textarea[name="query"]')
    expect(editor).to_be_visible()

    pick_canned_query(tab.page, CANNED, CANNED_WORDS)
    editor = tab.page.locator('form textarea[name="query"]')
    expect(editor).to_have_value(re.compile("MunicipalRelationship"))
    form = tab.page.locator("form", has=tab.page.locator('textarea[name="query"]'))
    form.locator('button[type="submit"], button:not([type]), input[type="submit"]').first.click()
    tab.page.wait_for_load_state()

    table = results_table(tab.page)
    expect(table).to_be_visible()
    for partner in PARTNERS:
        expect(table.locator("tbody tr", has_text=partner).first).to_be_visible()
    expect(table.locator("tbody tr", has_text="Mtsensk")).to_have_count(0)
    first_rows = table.locator("tbody tr").all_inner_texts()
    tab.screenshot("workbench-results")

    shared_url = tab.page.url
    assert "query=" in shared_url, f"the results page's URL does not carry the query: {shared_url}"
    again = open_tab(kubrat_site)
    again.page.goto(shared_url)
    expect(again.page.locator('textarea[name="query"]')).to_have_value(
        re.compile("MunicipalRelationship"))
    assert results_table(again.page).locator("tbody tr").all_inner_texts() == first_rows
    tab.assert_clean()
    again.assert_clean()


def test_canned_query_is_published_at_its_own_address(kubrat_site, open_tab):
    tab = open_tab(kubrat_site)
    response = tab.page.goto(f"/queries/{CANNED}")
    assert response.status == 200, f"/queries/{CANNED} answered {response.status}"
    expect(tab.page.locator("body")).to_contain_text("coop:MunicipalRelationship")
    tab.assert_clean()
