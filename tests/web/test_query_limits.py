"""The endpoint's limits as a client meets them: a runaway query ends with 503 and a message,
an over-cap result with 422, a too-long query with 413, a full queue with 503 and Retry-After;
the workbench shows each next to the query. Without caps, answers stream."""

from __future__ import annotations

import dataclasses
import threading
import time
from urllib.parse import quote

import pytest

from coopgraph.web import create_app
from tests.web.test_workbench import BROWSER, Page

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
EVERYTHING = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
PLAIN = {"Accept": "application/sparql-results+json, text/plain;q=0.5"}


@pytest.fixture
def limited(web_settings, release):
    """A client of an app with small limits, and a way to change them."""
    apps = []

    def make(**limits):
        settings = dataclasses.replace(web_settings, **{"query_time_limit": 1.0, **limits})
        app = create_app(settings, release)
        apps.append(app)
        return app.test_client()

    yield make
    for app in apps:
        app.extensions["coopgraph"].queries.close()


def _get(client, query: str, headers=None):
    return client.get("/sparql?query=" + quote(query), headers=headers or {})


def test_a_runaway_query_ends_with_503_and_says_why(limited):
    client = limited()
    started = time.monotonic()
    response = _get(client, RUNAWAY, {"Accept": "application/sparql-results+json, text/plain"})
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    assert "longer than 1 seconds, the time limit" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert _get(client, "ASK { ?s ?p ?o }").status_code == 200  # and the next query is answered


def test_the_workbench_shows_the_timeout_next_to_the_query(limited):
    response = _get(limited(), RUNAWAY, BROWSER)
    assert response.status_code == 503
    text = response.get_data(as_text=True)
    page = Page(text)
    assert RUNAWAY in page.textarea
    assert "the time limit of this endpoint" in text and "Traceback" not in text


def test_too_many_rows_is_422_with_the_cap_named(limited):
    client = limited(max_result_rows=10)
    response = _get(client, EVERYTHING, PLAIN)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "more than 10 rows" in body and "LIMIT" in body
    assert _get(client, EVERYTHING + " LIMIT 10").status_code == 200
    page = _get(client, EVERYTHING, BROWSER)
    assert page.status_code == 422 and "more than 10 rows" in page.get_data(as_text=True)


def test_too_many_bytes_is_422(limited):
    response = _get(limited(max_result_rows=0, max_result_bytes=2000), EVERYTHING, PLAIN)
    assert response.status_code == 422
    assert "larger than 2000 bytes" in response.get_data(as_text=True)


def test_a_query_longer_than_allowed_is_413(limited):
    client = limited(max_query_length=200)
    long_query = "ASK { ?s ?p ?o } #" + "x" * 300
    response = client.post("/sparql", data=long_query,
                           headers={"Content-Type": "application/sparql-query", **PLAIN})
    assert response.status_code == 413
    assert "up to 200" in response.get_data(as_text=True)


def test_a_full_queue_is_503_with_retry_after(limited):
    client = limited(query_time_limit=3.0, query_processes=1, query_queue_wait=0.3)
    thread = threading.Thread(target=_get, args=(client, RUNAWAY))
    thread.start()
    time.sleep(0.8)
    response = _get(client, "ASK { ?s ?p ?o }", PLAIN)
    thread.join()
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "busy" in response.get_data(as_text=True)


def test_without_caps_answers_stream_in_chunks(limited):
    client = limited(max_result_rows=0, max_result_bytes=0)
    response = _get(client, EVERYTHING, {"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.is_streamed and "Content-Length" not in response.headers
    rows = response.get_data(as_text=True).splitlines()
    assert rows[0] == "s,p,o" and len(rows) > 100
    capped = _get(limited(), EVERYTHING, {"Accept": "text/csv"})
    assert capped.get_data() == response.get_data()
    assert int(capped.headers["Content-Length"]) == len(capped.get_data())


def test_a_query_that_needs_too_much_memory_ends_with_503_and_says_why(limited):
    client = limited(query_time_limit=60.0, query_memory_limit=200)
    hungry = "SELECT ?c ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
    response = _get(client, hungry, PLAIN)
    assert response.status_code == 503
    assert "more than 200 MiB of memory" in response.get_data(as_text=True)
    assert _get(client, "ASK { ?s ?p ?o }").status_code == 200
