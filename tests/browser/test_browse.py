"""The pages for browsing: the partnership network and the class index."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.server

PARTNERS = ("Åmål", "Türi", "Videle", "Skuodas", "Ergene")


def test_network_page_draws_kubrat_and_its_partners(kubrat_site, open_tab):
    tab = open_tab(kubrat_site)
    response = tab.page.goto("/network")
    assert response.status == 200
    expect(tab.page.locator("h1")).to_have_text("Partnership network")
    drawing = tab.page.locator("figure.network svg")
    expect(drawing).to_be_visible()
    box = drawing.bounding_box()
    assert box["width"] > 300 and box["height"] > 200, box
    for name in ("Kubrat", *PARTNERS):
        expect(drawing.locator("text", has_text=name).first).to_be_attached()
    tab.screenshot("network")
    tab.assert_clean()


def test_network_node_links_to_the_partners_page(kubrat_site, open_tab):
    tab = open_tab(kubrat_site)
    tab.page.goto("/network")
    tab.page.locator("figure.network svg a", has_text="Skuodas").first.click()
    tab.page.wait_for_load_state()
    expect(tab.page.locator("h1")).to_have_text("Skuodas Municipality")
    tab.assert_clean()


def test_class_index_leads_to_the_municipalities(kubrat_site, open_tab):
    tab = open_tab(kubrat_site)
    response = tab.page.goto("/classes/")
    assert response.status == 200
    expect(tab.page.locator("h1")).to_have_text("Browse by class")
    tab.screenshot("classes")

    tab.page.locator("main").get_by_role("link", name="Municipality", exact=True).click()
    tab.page.wait_for_load_state()
    expect(tab.page.locator("h1")).to_have_text("Municipality")
    instances = tab.page.locator("main ol.instances")
    for name in ("Kubrat", *PARTNERS):
        expect(instances.get_by_role("link", name=f"{name} Municipality", exact=True)
               ).to_be_visible()
    tab.screenshot("class-municipality")
    tab.assert_clean()
