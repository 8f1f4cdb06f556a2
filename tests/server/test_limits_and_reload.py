"""The real server (gunicorn) under the conditions a public endpoint meets: a runaway query is
stopped at the time limit while other requests keep being answered, a new build goes live on
SIGHUP without dropping a request in flight, and stopping the server leaves no query process
behind."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from coopgraph.build import build_release
from coopgraph.settings import Settings
from tests.conftest import REPO
from tests.server.conftest import running_server

pytestmark = [pytest.mark.server, pytest.mark.slow]

AMAL = "https://w3id.org/coopgraph/kubrat/municipality/amal"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
# A few seconds of honest work on the fixture data: long enough to be in flight during a reload.
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
        "VALUES ?x { 1 2 3 4 5 } }")
CHEAP = "ASK { ?s a ?type }"
RESULTS_JSON = "application/sparql-results+json"


def _get(url: str, accept: str, timeout: float = 60) -> tuple[int, str]:
    """One GET on its own connection (urllib's): (status, body), errors included."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def _ask(url: str, query: str, timeout: float = 60) -> tuple[int, str]:
    return _get(url + "sparql?query=" + quote(query), RESULTS_JSON, timeout)


def query_processes(build_dir: Path) -> set[int]:
    """The ids of the query processes that serve a store below ``build_dir``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:  # gone meanwhile
            continue
        text = [argument.decode(errors="replace") for argument in arguments]
        if "coopgraph.query_process" in text and any(str(build_dir) in a for a in text):
            found.add(int(entry.name))
    return found


class Traffic(threading.Thread):
    """Cheap queries, one after another on fresh connections, until stopped."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.answers: list[tuple[int, str]] = []
        self.failures: list[str] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                status, body = _ask(self.url, CHEAP, timeout=30)
            except OSError as error:  # refused, reset: a dropped request
                self.failures.append(repr(error))
                continue
            self.answers.append((status, body))
            if status != 200:
                self.failures.append(f"{status}: {body[:200]}")

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=60)


def _call_in_thread(function, *args) -> tuple[threading.Thread, list]:
    outcome: list = []
    thread = threading.Thread(target=lambda: outcome.append(function(*args)), daemon=True)
    thread.start()
    return thread, outcome


@pytest.fixture
def own_build(tmp_path) -> tuple[Path, Path]:
    """A data folder of its own (a copy of the fixture data) and a build of it."""
    data_dir = tmp_path / "data"
    shutil.copytree(REPO / "tests" / "data", data_dir)
    build_dir = tmp_path / "build"
    build_release(Settings(root=REPO, data_dir=data_dir, build_dir=build_dir))
    return data_dir, build_dir


def test_a_runaway_query_is_stopped_while_other_queries_are_answered(own_build):
    data_dir, build_dir = own_build
    with running_server(build_dir, workers=1, data_dir=data_dir,
                        extra_env={"COOPGRAPH_QUERY_TIME_LIMIT": "2"}) as server:
        processes = query_processes(build_dir)
        assert len(processes) == 4  # the default: four per worker, started before serving
        traffic = Traffic(server.url)
        started = time.monotonic()
        runaway, outcome = _call_in_thread(_ask, server.url, RUNAWAY)
        traffic.start()
        runaway.join(timeout=60)
        elapsed = time.monotonic() - started
        traffic.stop()

        status, body = outcome[0]
        assert status == 503 and "time limit" in body
        assert elapsed < 10  # stopped, not left to run for minutes
        assert not traffic.failures
        assert len(traffic.answers) >= 5  # answered during the runaway, not after it
        # the killed process was replaced: still four, and the one that ran away is gone
        deadline = time.monotonic() + 10
        while len(query_processes(build_dir)) != 4 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(query_processes(build_dir)) == 4
        assert query_processes(build_dir) != processes
        assert _ask(server.url, CHEAP)[0] == 200
    assert not query_processes(build_dir), "query processes outlived the server"
    assert "was sent SIG" not in server.log.read_text()  # no worker crashed, at exit either


def test_a_new_build_goes_live_on_sighup_without_dropping_requests(own_build):
    data_dir, build_dir = own_build
    renamed = f'ASK {{ <{AMAL}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Åmål town"@en }}'
    with running_server(build_dir, workers=2, data_dir=data_dir) as server:
        assert json.loads(_ask(server.url, renamed)[1])["boolean"] is False
        traffic = Traffic(server.url)
        traffic.start()
        in_flight, outcome = _call_in_thread(_ask, server.url, SLOW)
        time.sleep(0.5)  # the slow query is running in an old worker

        page = data_dir / "kubrat-cooperation-page.ttl"
        page.write_text(page.read_text(encoding="utf-8").replace('"Åmål"@en', '"Åmål town"@en'),
                        encoding="utf-8")
        build_release(Settings(root=REPO, data_dir=data_dir, build_dir=build_dir))
        os.kill(server.process.pid, signal.SIGHUP)

        deadline = time.monotonic() + 60
        while json.loads(_ask(server.url, renamed)[1])["boolean"] is False:
            assert time.monotonic() < deadline, "the new build did not go live"
            time.sleep(0.2)
        in_flight.join(timeout=120)
        traffic.stop()

        status, body = outcome[0]
        assert status == 200  # finished by its old worker, not cut off by the reload
        assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 1_000_000
        assert not traffic.failures
        assert traffic.answers
        # every worker now answers from the new build
        assert all(json.loads(_ask(server.url, renamed)[1])["boolean"] for _ in range(10))
    assert not query_processes(build_dir), "query processes outlived the server"
    assert "was sent SIG" not in server.log.read_text()  # no worker crashed, at exit either


def test_under_mixed_concurrent_load_only_the_runaways_fail(own_build):
    data_dir, build_dir = own_build
    manifest = json.loads((build_dir / "current" / "manifest.json").read_text(encoding="utf-8"))
    dump = next(entry["name"] for entry in manifest["files"] if entry["format"] == "ntriples")
    with running_server(build_dir, workers=2, data_dir=data_dir,
                        extra_env={"COOPGRAPH_QUERY_TIME_LIMIT": "3"}) as server:
        base = server.url
        kubrat = "municipality/kubrat"
        cheap = [
            (base + "sparql?query=" + quote(f"SELECT ?p ?o WHERE {{ <{AMAL}> ?p ?o }}"),
             RESULTS_JSON),
            (base + f"doc/{kubrat}.ttl", "text/turtle"),
            (base + f"doc/{kubrat}", "text/html"),
            (base + kubrat, "application/ld+json"),  # 303, followed
            (base + "download/" + dump, "*/*"),
            (base + "sparql?query=" + quote(
                "SELECT ?type (COUNT(*) AS ?n) WHERE { ?s a ?type } GROUP BY ?type "
                "ORDER BY DESC(?n)"), "text/csv"),
            (base + "catalog", "text/turtle"),
        ]
        answers: list[tuple[str, int, str]] = []
        stop = threading.Event()

        def client(offset: int) -> None:
            turn = offset
            while not stop.is_set():
                url, accept = cheap[turn % len(cheap)]
                answers.append((url, *_get(url, accept)))
                turn += 1

        clients = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(6)]
        runaways = [_call_in_thread(_ask, base, RUNAWAY) for _ in range(3)]
        for thread in clients:
            thread.start()
        for thread, _ in runaways:
            thread.join(timeout=60)
        stop.set()
        for thread in clients:
            thread.join(timeout=60)

        assert [outcome[0][0] for _, outcome in runaways] == [503, 503, 503]
        assert all("time limit" in outcome[0][1] for _, outcome in runaways)
        failed = [(url, status, body[:200]) for url, status, body in answers if status != 200]
        assert not failed
        assert {url for url, _, _ in answers} == {url for url, _ in cheap}
        deadline = time.monotonic() + 10
        while len(query_processes(build_dir)) != 8 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(query_processes(build_dir)) == 8  # every killed process was replaced
    assert not query_processes(build_dir)
