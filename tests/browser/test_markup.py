"""Data is text: a label that looks like HTML is shown as those characters, never run or
rendered; and the Content-Security-Policy holds in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import MARKUP_LABEL, MARKUP_SLUG

pytestmark = pytest.mark.server


def test_markup_in_a_label_is_shown_as_text_on_its_page(markup_site, open_tab):
    tab = open_tab(markup_site)
    response = tab.page.goto(f"/municipality/{MARKUP_SLUG}")
    assert response.status == 200
    heading = tab.page.locator("h1")
    assert heading.inner_text() == MARKUP_LABEL
    expect(heading.locator("b, script")).to_have_count(0)
    assert tab.page.title().startswith(MARKUP_LABEL)
    expect(tab.page.locator("main b")).to_have_count(0)
    tab.screenshot("markup-label")
    tab.assert_clean()


@pytest.mark.parametrize("path", ["/relationship/kubrat-markup-test", "/classes/municipality",
                                  "/network"])
def test_markup_in_a_label_is_shown_as_text_where_it_is_listed(markup_site, open_tab, path):
    """The relationship links its party by its label, the class index lists it, and the
    network draws it (inside an SVG written into the page)."""
    tab = open_tab(markup_site)
    tab.page.goto(path)
    expect(tab.page.locator("main").get_by_text(MARKUP_LABEL, exact=True).first).to_be_attached()
    expect(tab.page.locator("main b")).to_have_count(0)
    expect(tab.page.locator("main script")).to_have_count(0)
    tab.assert_clean()


def test_inline_script_is_refused_by_the_content_security_policy(markup_site, open_tab):
    """The watch on every page sees CSP violations, so a clean page is really clean."""
    tab = open_tab(markup_site)
    tab.page.goto("/")
    ran = tab.page.evaluate("""() => new Promise((resolve) => {
        const script = document.createElement("script");
        script.textContent = "window.inlineRan = true;";
        document.addEventListener("securitypolicyviolation", () => resolve(false), {once: true});
        document.body.appendChild(script);
        setTimeout(() => resolve(window.inlineRan === true), 500);
    })""")
    assert ran is False
    assert any("Content Security Policy" in problem or "CSP violation" in problem
               for problem in tab.problems), tab.problems
