"""A real coopgraph server over the W3C protocol test data, and the EARL report of the run.

The release is built here, not by ``coopgraph build``: the W3C data are not coopgraph data
(no shapes, no source files), and the tests need them in the named graphs the manifest names.

The store's default graph is left EMPTY, unlike coopgraph's own builds (store.py copies the
union of the named graphs into it): the W3C manifest declares only named graphs
(``ut:graphData``), no test reads the store's default graph without a protocol dataset
(``ASK {}``, ``SELECT (1 AS ?value) {}``, ``DESCRIBE``/``CONSTRUCT`` without data), and with
the union in the default graph the dataset tests (``query_dataset_default_graphs_*``,
``query_dataset_full``) would still pass on a server that ignored ``default-graph-uri``.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest

from coopgraph import __version__
from coopgraph.release import publish, write_manifest
from coopgraph.statistics import dataset_statistics
from coopgraph.vocab import DEFAULT_BASE_IRI
from tests.conformance.earl import NOT_APPLICABLE, OBSERVED, Outcome, now, write_report
from tests.conformance.manifest import graph_data, protocol_tests
from tests.conftest import REPO
from tests.server.conftest import running_server

EARL_REPORT = REPO / "test-output" / "earl-sparql-protocol.ttl"
UNION_INTO_DEFAULT_GRAPH = False  # see the module docstring

_OUTCOMES = pytest.StashKey[dict[str, Outcome]]()
_ENDPOINT = pytest.StashKey[str]()


def build_protocol_release(build_dir: Path, version: str = "w3c-sparql11-protocol") -> Path:
    """A published release whose store holds each ``ut:graphData`` file in its named graph."""
    releases = build_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    staging = releases / f".staging-{version}-{os.getpid()}"
    staging.mkdir()
    store = pyoxigraph.Store(str(staging / "store"))
    try:
        for graph_iri, file in graph_data(protocol_tests()).items():
            store.load(path=str(file), format=pyoxigraph.RdfFormat.N_TRIPLES,
                       to_graph=pyoxigraph.NamedNode(graph_iri))
        if UNION_INTO_DEFAULT_GRAPH:
            from coopgraph.store import UNION_INTO_DEFAULT_GRAPH as union_update
            store.update(union_update)
        store.flush()
        write_manifest(staging, {
            "version": version,
            "created": now().isoformat(),
            "generator": f"coopgraph {__version__} tests/conformance",
            "name": "sparql11-protocol",
            "base_iri": DEFAULT_BASE_IRI,
            "statistics": dataset_statistics(store, DEFAULT_BASE_IRI),
            "files": [],
        })
    finally:
        del store  # release the database lock before the server opens it
        gc.collect()
    return publish(staging, build_dir, version)


@pytest.fixture(scope="session")
def protocol_build(tmp_path_factory) -> Path:
    build_dir = tmp_path_factory.mktemp("conformance") / "build"
    build_protocol_release(build_dir)
    return build_dir


@pytest.fixture(scope="session")
def endpoint(protocol_build, pytestconfig) -> Iterator[str]:
    """The URL of the SPARQL endpoint of a running server (``http://127.0.0.1:port/sparql``)."""
    with running_server(protocol_build) as server:
        url = server.url + "sparql"
        pytestconfig.stash[_ENDPOINT] = url
        yield url


def _w3c_test(item: pytest.Item):
    callspec = getattr(item, "callspec", None)
    return next((value for value in (callspec.params.values() if callspec else ())
                 if hasattr(value, "iri")), None)


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


def _outcome(report: pytest.TestReport) -> tuple[str, str] | None:
    """(EARL outcome, info) of one phase's report; None when the phase says nothing."""
    if report.skipped:
        reason = _skip_reason(report)
        return ("inapplicable" if reason.startswith(NOT_APPLICABLE) else "cantTell"), reason
    if report.failed:
        message = report.longreprtext.strip().splitlines()
        crash = getattr(report.longrepr, "reprcrash", None)
        info = crash.message if crash is not None else (message[-1] if message else "")
        return ("failed" if report.when == "call" else "cantTell"), info
    if report.when == "call":
        return "passed", "; ".join(value for name, value in report.user_properties
                                   if name == OBSERVED)
    return None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    report = yield
    test = _w3c_test(item)
    outcome = _outcome(report) if test is not None else None
    if outcome is not None:
        outcomes = item.config.stash.setdefault(_OUTCOMES, {})
        if report.when != "teardown" or item.nodeid not in outcomes:
            outcomes[item.nodeid] = Outcome(test.iri, outcome[0], outcome[1], now())
    return report


def pytest_sessionfinish(session: pytest.Session) -> None:
    outcomes = session.config.stash.get(_OUTCOMES, {})
    if outcomes and not hasattr(session.config, "workerinput"):  # not an xdist worker
        write_report(EARL_REPORT, list(outcomes.values()),
                     session.config.stash.get(_ENDPOINT, None))
