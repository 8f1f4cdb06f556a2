"""Real-browser fixtures: Debian's Chromium (/usr/bin/chromium) driven by Playwright's sync API,
against real servers started with the harness of tests/server (``python -m coopgraph serve``).

Two servers: one on a build of the bundled data (data/), one on the small fixture data
(tests/data) plus a municipality whose label is HTML markup. Every page a test opens is watched
for console errors, uncaught exceptions, Content-Security-Policy violations and dialogs; a test
ends with ``tab.assert_clean()``. Screenshots go to test-output/screenshots/ (git-ignored).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef

from coopgraph.build import build_release
from coopgraph.settings import Settings
from coopgraph.vocab import COOP, COUNTRY, KIND, SCHEMA, STATUS
from tests.conftest import REPO
from tests.server.conftest import RunningServer, running_server

CHROMIUM = Path("/usr/bin/chromium")
# What Chromium needs on these machines: no sandbox as root, and no background connections
# (the closed network refuses them). Playwright gives each launch a new, empty profile.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = REPO / "test-output" / "screenshots"
TIMEOUT_MS = 10_000

MARKUP_LABEL = "<script>alert(1)</script><b>bold</b>"
MARKUP_SLUG = "markup-test"

XSD_GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")

# Runs before any script of the page; reports CSP violations through the console, so that
# they are caught even where Chromium words its own console message differently.
CSP_REPORTER = """
document.addEventListener("securitypolicyviolation", (event) => {
  const blocked = event.blockedURI || "inline";
  console.error(`CSP violation: ${event.violatedDirective} blocked ${blocked}`);
});
"""


@dataclass
class Tab:
    """A page in its own browser context, with what went wrong on it."""

    page: object  # playwright.sync_api.Page
    base_url: str
    problems: list[str] = field(default_factory=list)

    def watch(self) -> None:
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("dialog", self._on_dialog)

    def _on_console(self, message) -> None:
        if message.type not in ("error", "warning"):
            return
        url = (message.location or {}).get("url", "")
        self.problems.append(f"console {message.type}: {message.text} ({url or self.page.url})")

    def _on_dialog(self, dialog) -> None:
        self.problems.append(f"a {dialog.type} dialog opened: {dialog.message!r}")
        dialog.dismiss()

    def assert_clean(self) -> None:
        assert self.problems == [], "the browser reported problems:\n" + "\n".join(self.problems)

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture(scope="session")
def kubrat_site(tmp_path_factory) -> Iterator[RunningServer]:
    """A real server on a build of the bundled data (data/)."""
    build_dir = tmp_path_factory.mktemp("browser-kubrat") / "build"
    build_release(Settings(root=REPO, build_dir=build_dir))
    with running_server(build_dir) as running:
        yield running


def add_markup_municipality(data_dir: Path, base_iri: str) -> None:
    """Add to the fixture data a municipality labelled with HTML markup, in a relationship with
    Kubrat (so that it is also drawn in the network), valid like its neighbours."""
    path = data_dir / "kubrat-cooperation-page.ttl"
    graph = Graph()
    graph.parse(path, format="turtle", publicID=base_iri)
    kubrat = URIRef(f"{base_iri}municipality/kubrat")
    markup = URIRef(f"{base_iri}municipality/{MARKUP_SLUG}")
    relationship = URIRef(f"{base_iri}relationship/kubrat-{MARKUP_SLUG}")
    graph.add((markup, RDF.type, COOP.Municipality))
    graph.add((markup, SKOS.prefLabel, Literal(MARKUP_LABEL, lang="en")))
    graph.add((markup, SKOS.prefLabel, Literal("Тест", lang="bg")))
    graph.add((markup, COOP.country, COUNTRY.BGR))
    graph.add((relationship, RDF.type, COOP.MunicipalRelationship))
    graph.add((relationship, COOP.party, kubrat))
    graph.add((relationship, COOP.party, markup))
    graph.add((relationship, COOP.relationshipKind, KIND.cooperation))
    graph.add((relationship, COOP.status, STATUS.active))
    graph.add((relationship, SCHEMA.startDate, Literal("2001", datatype=XSD_GYEAR)))
    graph.serialize(destination=path, format="turtle", base=base_iri)


@pytest.fixture(scope="session")
def markup_site(tmp_path_factory) -> Iterator[RunningServer]:
    """A real server on the fixture data plus a municipality whose label is HTML markup."""
    root = tmp_path_factory.mktemp("browser-markup")
    data_dir = root / "data"
    shutil.copytree(REPO / "tests" / "data", data_dir)
    settings = Settings(root=REPO, data_dir=data_dir, build_dir=root / "build")
    add_markup_municipality(data_dir, settings.base_iri)
    build_release(settings)  # validates: the added facts must conform to the shapes
    with running_server(settings.build_dir, data_dir=data_dir) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless. CI installs it (apt package ``chromium``), so a missing
    browser is a failure, not a skip."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium "
                    "(apt-get install chromium); Playwright's own browser download is not used")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the Python package playwright is missing: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def open_tab(browser) -> Iterator:
    """``open_tab(site)``: a new watched page, in a new context, with relative URLs resolved
    against ``site``; every context is closed after the test."""
    contexts = []

    def open_new(site: RunningServer) -> Tab:
        context = browser.new_context(base_url=site.url, viewport={"width": 1280, "height": 800},
                                      locale="en-GB")
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(CSP_REPORTER)
        contexts.append(context)
        tab = Tab(context.new_page(), site.url)
        tab.watch()
        return tab

    yield open_new
    for context in contexts:
        context.close()
