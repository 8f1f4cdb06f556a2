"""The query pool runs queries in real processes: a runaway query is stopped at its time
limit by killing its process, other queries keep being answered, and concurrency, length and
result caps give clear errors."""

from __future__ import annotations

import os
import signal
import threading
import time

import pyoxigraph
import pytest

from coopgraph.errors import (
    QueryError,
    QueryFailed,
    QueryOutOfMemory,
    QueryTimeout,
    QueryTooLong,
    ResultTooLarge,
    ServerBusy,
)
from coopgraph.query_pool import PoolLimits, QueryPool
from coopgraph.query_process import QueryJob
from coopgraph.serialization import ResultLimits

EX = "http://example.org/"
TRIPLES = 2000
# Four-way cross product of 2000 triples: 1.6e13 combinations, so it never ends on its own.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ALL = "SELECT * WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "store"
    store = pyoxigraph.Store(str(path))
    store.extend(pyoxigraph.Quad(pyoxigraph.NamedNode(f"{EX}s{index}"),
                                 pyoxigraph.NamedNode(EX + "p"), pyoxigraph.Literal(str(index)))
                 for index in range(TRIPLES))
    store.flush()
    del store
    return path


@pytest.fixture
def make_pool(store_path):
    pools = []

    def make(**limits) -> QueryPool:
        pool = QueryPool(store_path, PoolLimits(**{"time_limit": 2.0, **limits}))
        pools.append(pool)
        return pool

    yield make
    for pool in pools:
        pool.close()


CAPPED = ResultLimits(max_rows=10_000)


def job(query: str, limits: ResultLimits = CAPPED) -> QueryJob:
    return QueryJob(query, EX, results_format="csv", graph_format="ntriples", limits=limits)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is gone for our purposes
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_answers_and_reuses_its_process(make_pool):
    pool = make_pool()
    first = pool.run(job(COUNT))
    assert first.complete and first.content == f"n\r\n{TRIPLES}\r\n".encode()
    pids = pool.process_ids
    assert pool.run(job(COUNT)).content == first.content
    assert pool.process_ids == pids and len(pids) == 1


@pytest.mark.parametrize("runaway", [
    RUNAWAY,
    # a huge ORDER BY: 4 million rows to sort, with no caps to stop it early
    "SELECT ?c ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY DESC(?c) ?f LIMIT 1",
    # a path closure joined with everything
    "SELECT (COUNT(*) AS ?n) WHERE { ?a (<http://example.org/p>|^<http://example.org/p>)* ?b ."
    " ?c ?d ?e . ?f ?g ?h }",
], ids=["cross-product", "order-by", "property-path"])
def test_a_runaway_query_is_stopped_at_the_time_limit_and_its_process_killed(make_pool, runaway):
    pool = make_pool(time_limit=1.0, processes=1)
    pool.warm()
    [pid] = pool.process_ids
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 1 seconds"):
        pool.run(job(runaway))
    assert 1.0 <= time.monotonic() - started < 3.0
    assert not _alive(pid)
    [successor] = pool.process_ids  # started at once, not when the next query comes
    assert successor != pid and _alive(successor)
    assert pool.run(job(COUNT)).content.endswith(f"{TRIPLES}\r\n".encode())
    assert pool.process_ids == [successor]


def test_other_queries_are_answered_while_one_runs_away(make_pool):
    pool = make_pool(time_limit=3.0, processes=2)
    errors: list[Exception] = []

    def runaway() -> None:
        try:
            pool.run(job(RUNAWAY))
        except QueryTimeout as error:
            errors.append(error)

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    for _ in range(5):
        assert pool.run(job(COUNT)).content.endswith(f"{TRIPLES}\r\n".encode())
    assert time.monotonic() - started < 2.0  # answered while the runaway still runs
    thread.join()
    assert len(errors) == 1


def test_a_query_finding_every_process_busy_waits_then_gets_a_clear_error(make_pool):
    pool = make_pool(time_limit=3.0, processes=1, queue_wait=0.3)
    thread = threading.Thread(target=lambda: pytest.raises(QueryTimeout, pool.run, job(RUNAWAY)))
    thread.start()
    time.sleep(0.5)
    with pytest.raises(ServerBusy, match="all 1 query processes are busy"):
        pool.run(job(COUNT))
    thread.join()
    assert pool.run(job(COUNT)).complete  # free again once the runaway was stopped


def test_errors_of_the_query_keep_the_process(make_pool):
    pool = make_pool()
    with pytest.raises(QueryError) as raised:
        pool.run(job("SELECT * WHERE {\n ?s ?p }"))
    assert raised.value.location.line == 2
    pids = pool.process_ids
    with pytest.raises(ResultTooLarge, match="more than 10 rows"):
        pool.run(job(ALL, ResultLimits(max_rows=10)))
    assert pool.process_ids == pids
    with pytest.raises(QueryTooLong, match="takes queries of up to 50"):
        make_pool(max_query_length=50).run(job(ALL + " " * 50))


def test_without_caps_results_stream_and_stopping_early_frees_the_process(make_pool):
    pool = make_pool(processes=1, queue_wait=1.0)
    answer = pool.run(job("SELECT ?s ?p ?o ?x ?y ?z { ?s ?p ?o . ?x ?y ?z }", ResultLimits()))
    assert not answer.complete
    chunks = iter(answer)
    assert next(chunks).startswith(b"s,p,o,x,y,z\r\n")
    [pid] = pool.process_ids
    answer.close()  # the client went away part-way
    assert not _alive(pid)
    streamed = pool.run(job(ALL, ResultLimits()))
    body = b"".join(streamed)
    assert body.count(b"\r\n") == TRIPLES + 1 and streamed.rows == TRIPLES


def test_a_process_that_dies_gives_a_clear_error_and_is_replaced(make_pool):
    pool = make_pool(time_limit=5.0, processes=1)
    pool.warm()
    [pid] = pool.process_ids
    threading.Timer(0.5, os.kill, (pid, signal.SIGKILL)).start()
    with pytest.raises(QueryFailed, match="stopped before answering"):
        pool.run(job(RUNAWAY))
    assert pool.run(job(COUNT)).complete
    assert pool.process_ids != [pid]


def test_closing_the_pool_stops_its_processes(make_pool):
    pool = make_pool(processes=2)
    pool.warm()
    pids = pool.process_ids
    assert len(pids) == 2 and all(_alive(pid) for pid in pids)
    pool.close()
    assert not any(_alive(pid) for pid in pids)


def test_a_long_query_yields_the_cpu_and_its_process_is_replaced_after(make_pool):
    pool = make_pool(time_limit=2.0, processes=2, demote_after=0.3)
    pool.warm()
    thread = threading.Thread(target=lambda: pytest.raises(QueryTimeout, pool.run, job(RUNAWAY)))
    thread.start()
    time.sleep(1.0)
    priorities = {pid: os.getpriority(os.PRIO_PROCESS, pid) for pid in pool.process_ids}
    assert sorted(priorities.values()) == [0, 19]  # the runaway's process, not the idle one
    assert pool.run(job(COUNT)).complete  # quick queries keep their priority and process
    assert sorted(os.getpriority(os.PRIO_PROCESS, pid) for pid in pool.process_ids) == [0, 19]
    thread.join()
    assert all(os.getpriority(os.PRIO_PROCESS, pid) == 0 for pid in pool.process_ids)
    assert len(pool.process_ids) == 2


def test_a_query_that_needs_too_much_memory_gets_a_clear_error(make_pool):
    pool = make_pool(time_limit=60.0, processes=1, memory_limit=200)
    pool.warm()
    [pid] = pool.process_ids
    with pytest.raises(QueryOutOfMemory, match="more than 200 MiB of memory"):
        # four million rows to sort: far more than 200 MiB
        pool.run(job("SELECT ?c ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"))
    assert not _alive(pid)
    assert pool.run(job(COUNT)).content.endswith(f"{TRIPLES}\r\n".encode())


@pytest.mark.parametrize("limits", [ResultLimits(), ResultLimits(max_rows=10**9)],
                         ids=["streamed", "collected"])
def test_queries_stopped_part_way_leave_the_pool_its_size(make_pool, limits):
    pool = make_pool(time_limit=0.5, processes=2)
    pool.warm()
    for _ in range(3):
        with pytest.raises(QueryTimeout):
            answer = pool.run(job("SELECT ?s ?o ?x ?z { ?s ?p ?o . ?x ?y ?z }", limits))
            try:
                for _chunk in answer:
                    pass
            finally:
                answer.close()
    assert len(pool.process_ids) == 2  # each stopped process replaced once, not twice
    assert pool.run(job(COUNT)).complete


def test_a_process_killed_by_a_signal_is_no_memory_error(make_pool):
    pool = make_pool(time_limit=5.0, processes=1, memory_limit=1024)
    pool.warm()
    [pid] = pool.process_ids
    threading.Timer(0.5, os.kill, (pid, signal.SIGKILL)).start()
    with pytest.raises(QueryFailed, match="stopped before answering"):
        pool.run(job(RUNAWAY))


def test_a_store_that_cannot_be_opened_is_the_servers_fault_and_no_path_is_shown(tmp_path):
    pool = QueryPool(tmp_path / "gone", PoolLimits(processes=1))
    try:
        with pytest.raises(QueryFailed) as raised:
            pool.run(job(COUNT))
        assert "could not open the store" in raised.value.message
        assert str(tmp_path) not in raised.value.message + (raised.value.hint or "")
    finally:
        pool.close()


def test_a_closed_pool_starts_nothing(make_pool):
    pool = make_pool()
    pool.close()
    with pytest.raises(QueryFailed, match="stopping"):
        pool.run(job(COUNT))
    assert pool.process_ids == []
