"""A query process: runs SPARQL queries for one web worker, in its own OS process, so that a
query that runs too long can be stopped by killing the process (Oxigraph has no way to cancel
a running query) without touching the worker.

Started by :mod:`coopgraph.query_pool` as ``python -m coopgraph.query_process FD STORE
[MEMORY_BYTES]``; it opens the release's store read-only, limits its data segment to
MEMORY_BYTES (when not 0) and answers jobs sent over the socket ``FD``:

    parent -> child   QueryJob
    child -> parent   ("ready",) once; then per job either ("whole", form, format key, bytes,
                      rows) for an answer that fits in one chunk (most do: one message, one
                      wake-up of the parent), or ("start", form, format key), ("chunk",
                      bytes)..., ("done", rows, bytes); or ("error", CoopgraphError) instead

It exits when the socket closes or its parent process goes away.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import pyoxigraph

from coopgraph.errors import (
    CoopgraphError,
    NotAcceptable,
    QueryError,
    QueryFailed,
    QueryOutOfMemory,
)
from coopgraph.formats import FormatKind, formats_of
from coopgraph.negotiation import negotiate
from coopgraph.protocol import QueryRequest
from coopgraph.query import QueryForm, result_formats, run_query
from coopgraph.serialization import ResultLimits, ResultSink, write_outcome
from coopgraph.settings import Settings


@dataclass(frozen=True)
class QueryJob:
    """One query to run: the protocol request's parts, the formats chosen for each kind of
    result (``None``: the client accepts none of that kind), caps and the services allowed."""

    query: str
    base_iri: str
    results_format: str | None
    graph_format: str | None
    limits: ResultLimits = ResultLimits()
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    allowed_services: tuple[str, ...] = ()
    prefixes: Mapping[str, str] = field(default_factory=dict)
    accepted: str = ""  # what the client asked for (format parameter or Accept), for errors


def _choose(accept: str | None, requested: str | None, kind: FormatKind) -> str | None:
    try:
        return negotiate(accept, formats_of(kind), requested).key
    except NotAcceptable:
        return None


def job_for_request(request: QueryRequest, settings: Settings, accept: str | None, *,
                    limits: ResultLimits | None = None,
                    prefixes: Mapping[str, str] | None = None) -> QueryJob:
    """The job for a protocol request: formats negotiated for both kinds of result (the
    query's form is known only once it runs), caps and allow-list from ``settings``."""
    return QueryJob(
        request.query, settings.base_iri,
        results_format=_choose(accept, request.format, FormatKind.RESULTS),
        graph_format=_choose(accept, request.format, FormatKind.GRAPH),
        limits=limits or result_limits(settings),
        default_graphs=tuple(request.default_graph_uris),
        named_graphs=tuple(request.named_graph_uris),
        allowed_services=tuple(settings.service_allow_list),
        prefixes=dict(prefixes or {}), accepted=request.format or accept or "")


def result_limits(settings: Settings) -> ResultLimits:
    return ResultLimits(settings.max_result_rows, settings.max_result_bytes)


def _format_for(job: QueryJob, form: QueryForm) -> str:
    key = job.graph_format if form is QueryForm.GRAPH else job.results_format
    if key is None:
        article = "an" if form.value[0] in "aeiou" else "a"
        raise NotAcceptable(
            f"none of the formats of {article} {form.value.upper()} result is acceptable "
            f"({job.accepted[:200]})",
            hint="acceptable here: " + ", ".join(fmt.media_type for fmt in result_formats(form)))
    return key


def run_job(store: pyoxigraph.Store, job: QueryJob, connection: Connection) -> None:
    """Run ``job`` and send its answer, or the reason there is none, over ``connection``."""
    try:
        outcome = run_query(store, job.query, job.base_iri, default_graphs=job.default_graphs,
                            named_graphs=job.named_graphs, allowed_services=job.allowed_services)
        format_key = _format_for(job, outcome.form)
        reply = _Reply(connection, outcome.form.value, format_key)
        sink = ResultSink(reply.emit, job.limits)
        write_outcome(outcome, format_key, sink, job.prefixes)
    except CoopgraphError as error:
        connection.send(("error", error))
    except MemoryError:
        connection.send(("error", QueryOutOfMemory(
            "the query needed more memory than a query on this endpoint may use",
            hint="narrow the pattern, add LIMIT, or download the dumps")))
    except Exception as error:  # noqa: BLE001 - reported to the parent, never lost
        connection.send(("error", QueryError(f"the query failed: {error}")))
    else:
        reply.finish(sink.rows, sink.bytes)


class _Reply:
    """Sends an answer's chunks, holding back the first so that an answer of one chunk goes
    out as a single "whole" message."""

    def __init__(self, connection: Connection, form: str, format_key: str) -> None:
        self.connection, self.form, self.format_key = connection, form, format_key
        self.first: bytes | None = None
        self.started = False

    def emit(self, chunk: bytes) -> None:
        if not self.started and self.first is None:
            self.first = chunk
            return
        if not self.started:
            self.connection.send(("start", self.form, self.format_key))
            self.connection.send(("chunk", self.first))
            self.started = True
        self.connection.send(("chunk", chunk))

    def finish(self, rows: int, size: int) -> None:
        if self.started:
            self.connection.send(("done", rows, size))
        else:
            self.connection.send(("whole", self.form, self.format_key, self.first or b"", rows))


def _exit_when_orphaned(parent: int) -> None:
    """Exit when the parent process is gone, even in the middle of a query."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _limit_memory(limit: int) -> None:
    """Lower the soft RLIMIT_DATA to ``limit`` bytes (not above a hard limit set outside)."""
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def main(argv: list[str]) -> int:
    descriptor, store_path = int(argv[0]), argv[1]
    memory_limit = int(argv[2]) if len(argv) > 2 else 0
    connection = Connection(descriptor)
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server; it stops us
    try:
        store = pyoxigraph.Store.read_only(store_path)
    except OSError as error:  # the server's fault, not the client's: details to the log only
        print(f"coopgraph query process: cannot open the store {store_path}: {error}",
              file=sys.stderr)
        connection.send(("error", QueryFailed("a query process could not open the store",
                                              hint="the server's log says why")))
        return 1
    if memory_limit:  # heap and anonymous maps, not the store's mapped files
        _limit_memory(memory_limit)
    connection.send(("ready",))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return 0
        run_job(store, job, connection)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
