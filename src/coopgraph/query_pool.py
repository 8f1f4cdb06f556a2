"""Run queries in a small pool of query processes (see :mod:`coopgraph.query_process`), with a
time limit that really stops the work: a query still running at its deadline is ended by
killing its process, and a fresh one is started in its place at once, so the next query does
not wait for it.

The pool also bounds concurrency: at most ``processes`` queries run at once per pool (one pool
per web worker); a query that finds every process busy waits up to ``queue_wait`` seconds, then
gets :class:`ServerBusy`. A query still running after ``demote_after`` seconds has its process
moved to the lowest CPU priority (nice 19), so that quick queries and pages go first while it
runs; once its query ends it gets its priority back where the system allows it (root, or
CAP_SYS_NICE), else it is replaced by a fresh process. A query process may use at most
``memory_limit`` MiB of memory (its data segment, RLIMIT_DATA): a query that needs more ends
its process and gets :class:`QueryOutOfMemory`.

Answers come back as an iterator of byte chunks: complete before the first chunk is handed out
when result caps are set (so an over-cap result is a clear error, not a truncated document),
streamed as produced when there are no caps.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from coopgraph.errors import (
    QueryFailed,
    QueryOutOfMemory,
    QueryTimeout,
    QueryTooLong,
    ServerBusy,
)
from coopgraph.formats import FORMATS_BY_KEY, Format
from coopgraph.query import QueryForm
from coopgraph.query_process import QueryJob
from coopgraph.settings import Settings

START_TIMEOUT = 60.0  # seconds a new query process may take to open the store


@dataclass(frozen=True)
class PoolLimits:
    """How long a query may run (0: no limit), how many run at once, how long a query waits
    for a free process, the longest query text accepted (0: no limit), after how many seconds
    a running query yields the CPU to the others (0: never), and how many MiB of memory a
    query process may use (0: no limit)."""

    time_limit: float = 30.0
    processes: int = 2
    queue_wait: float = 10.0
    max_query_length: int = 0
    demote_after: float = 0.0
    memory_limit: int = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> PoolLimits:
        return cls(settings.query_time_limit, settings.query_processes,
                   settings.query_queue_wait, settings.max_query_length,
                   settings.query_demote_after, settings.query_memory_limit)


class _Process:
    """One query process and the parent's end of its socket."""

    def __init__(self, store_path: Path, memory_limit: int) -> None:
        parent_end, child_end = socket.socketpair()
        try:
            self.popen = subprocess.Popen(
                [sys.executable, "-m", "coopgraph.query_process", str(child_end.fileno()),
                 str(store_path), str(memory_limit * 1024 * 1024)],
                pass_fds=(child_end.fileno(),), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, close_fds=True)
        except BaseException:
            parent_end.close()
            raise
        finally:
            child_end.close()
        self.connection = Connection(parent_end.detach())
        self.ready = False
        self.demoted = False
        self.demote_at: float | None = None  # when its current query is to be demoted

    def receive(self, deadline: float | None):
        """The next message, or ``None`` when ``deadline`` (a monotonic time) passes first."""
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        if not self.connection.poll(timeout):
            return None
        return self.connection.recv()

    def wait_ready(self) -> None:
        try:
            message = self.receive(time.monotonic() + START_TIMEOUT)
        except (EOFError, OSError):
            message = None
        if message is None or message[0] != "ready":
            self.kill()
            if message is not None and message[0] == "error":
                raise message[1]
            raise QueryFailed("a query process did not start",
                              hint="see the server log; is the build's store readable?")
        self.ready = True

    def demote(self) -> None:
        """Give the process the lowest CPU priority, until :meth:`promote`."""
        self.demoted = True
        with suppress(OSError):  # it has just ended
            os.setpriority(os.PRIO_PROCESS, self.popen.pid, 19)

    def promote(self) -> bool:
        """Give a demoted process its parent's priority back, if the system allows it."""
        try:
            os.setpriority(os.PRIO_PROCESS, self.popen.pid, os.getpriority(os.PRIO_PROCESS, 0))
        except OSError:  # not permitted (unprivileged), or it has ended
            return False
        self.demoted = False
        return True

    def kill(self) -> None:
        if self.popen.poll() is None:
            self.popen.kill()
        self.popen.wait()
        self.connection.close()


class QueryAnswer:
    """The answer to one query: its form, its format and its bytes as an iterator of chunks.

    Close it (the WSGI server does) to release its query process; a consumer that stops early
    gets the process killed, since it may still be writing.
    """

    def __init__(self, pool: QueryPool | None, process: _Process | None, job: QueryJob | None,
                 form: QueryForm, fmt: Format, deadline: float | None) -> None:
        self.form = form
        self.format = fmt
        self._pool = pool
        self._process: _Process | None = process
        self._job = job
        self._deadline = deadline
        self.rows = 0
        self._received: list[bytes] = []

    @classmethod
    def whole(cls, form: QueryForm, fmt: Format, body: bytes, rows: int) -> QueryAnswer:
        """An answer that came in one piece: complete, holding no process."""
        answer = cls(None, None, None, form, fmt, None)
        answer._received, answer.rows = [body], rows
        return answer

    def collect(self) -> None:
        """Receive the whole answer now (the caps bound its size)."""
        self._received = list(self._chunks())

    @property
    def complete(self) -> bool:
        return self._process is None

    @property
    def content(self) -> bytes:
        """All of the answer (after :meth:`collect`)."""
        return b"".join(self._received)

    def __iter__(self) -> Iterator[bytes]:
        if self._received or self.complete:
            yield from self._received
            self._received = []
            return
        yield from self._chunks()

    def _chunks(self) -> Iterator[bytes]:
        while self._process is not None:
            message = self._pool.receive(self._process, self._job, self._deadline)
            if message[0] == "chunk":
                yield message[1]
            elif message[0] == "done":
                self.rows = message[1]
                self._release(keep=True)
            else:  # an error part-way: the process is fine and waits for the next job
                self._release(keep=True)
                raise message[1]

    def _release(self, keep: bool) -> None:
        process, self._process = self._process, None
        if process is not None:
            self._pool.release(process, keep)

    def close(self) -> None:
        self._release(keep=False)


class QueryPool:
    """Query processes over the store at ``store_path``, started when first needed."""

    def __init__(self, store_path: Path, limits: PoolLimits = PoolLimits()) -> None:
        self.store_path = Path(store_path)
        self.limits = limits
        self._slots = threading.BoundedSemaphore(limits.processes)
        self._lock = threading.Lock()
        self._idle: list[_Process] = []
        self._all: set[_Process] = set()
        self._finalizer = weakref.finalize(self, _kill_all, self._all)

    @property
    def process_ids(self) -> list[int]:
        """The OS process ids of the running query processes (for logs and tests)."""
        with self._lock:
            return sorted(process.popen.pid for process in self._all)

    def warm(self) -> None:
        """Start the processes now rather than on the first queries."""
        started = [self._start() for _ in range(self.limits.processes - len(self._idle))]
        for process in started:
            process.wait_ready()
        with self._lock:
            self._idle.extend(started)

    def run(self, job: QueryJob) -> QueryAnswer:
        """Start ``job`` and return its answer once its first message arrives: the query's
        errors (syntax, timeout before any result, too large a result) are raised here."""
        if self.limits.max_query_length and len(job.query) > self.limits.max_query_length:
            raise QueryTooLong(f"the query is {len(job.query)} characters long; this endpoint "
                               f"takes queries of up to {self.limits.max_query_length}")
        if not self._finalizer.alive:
            raise QueryFailed("the query service is stopping", hint="try again in a moment")
        if not self._slots.acquire(timeout=self.limits.queue_wait):
            raise ServerBusy(f"all {self.limits.processes} query processes are busy",
                             hint="try again in a few seconds")
        try:
            process = self._take()
            started = time.monotonic()
            deadline = started + self.limits.time_limit if self.limits.time_limit else None
            process.demote_at = started + self.limits.demote_after if self.limits.demote_after \
                else None
            try:
                process.connection.send(job)
            except OSError:  # it died while idle
                self._discard(process)
                raise QueryFailed("the query process stopped before answering",
                                  hint="try again") from None
            message = self.receive(process, job, deadline)
        except BaseException:
            self._slots.release()
            raise
        if message[0] == "error":
            self.release(process, keep=True)
            raise message[1]
        if message[0] == "whole":
            _, form, format_key, body, rows = message
            self.release(process, keep=True)
            return QueryAnswer.whole(QueryForm(form), FORMATS_BY_KEY[format_key], body, rows)
        _, form, format_key = message
        answer = QueryAnswer(self, process, job, QueryForm(form), FORMATS_BY_KEY[format_key],
                             deadline)
        if not job.limits.unlimited:
            try:
                answer.collect()
            finally:
                answer.close()
        return answer

    def receive(self, process: _Process, job: QueryJob, deadline: float | None):
        """The next message of ``process`` for ``job``; at the deadline the process is killed
        and :class:`QueryTimeout` raised, and a process that died gives :class:`QueryFailed`."""
        try:
            message = None
            if process.demote_at is not None and not process.demoted and (
                    deadline is None or process.demote_at < deadline):
                message = process.receive(process.demote_at)
                if message is None:
                    process.demote()
            if message is None:
                message = process.receive(deadline)
        except (EOFError, OSError):
            with suppress(subprocess.TimeoutExpired):  # how it ended tells why
                process.popen.wait(timeout=2)
            self._discard(process)
            if not self._finalizer.alive:
                raise QueryFailed("the query service is stopping",
                                  hint="try again in a moment") from None
            # an allocation the memory limit refused aborts the process (Rust's handler)
            if self.limits.memory_limit and process.popen.returncode == -signal.SIGABRT:
                raise QueryOutOfMemory(
                    f"the query needed more than {self.limits.memory_limit} MiB of memory, the "
                    "limit of a query on this endpoint",
                    hint="narrow the pattern, add LIMIT, or download the dumps") from None
            raise QueryFailed("the query process stopped before answering",
                              hint="the query may need more memory than the server has") from None
        if message is None:
            self._discard(process)
            raise QueryTimeout(
                f"the query ran longer than {self.limits.time_limit:g} seconds, the time limit "
                "of this endpoint", hint="narrow the pattern, add LIMIT, or download the dumps")
        return message

    def release(self, process: _Process, keep: bool) -> None:
        """Give a process back after a job: idle again when ``keep`` (and its priority could
        be restored), else killed and replaced."""
        try:
            if keep and process.popen.poll() is None and (not process.demoted
                                                          or process.promote()):
                with self._lock:
                    self._idle.append(process)
            else:
                self._discard(process)
        finally:
            self._slots.release()

    def close(self) -> None:
        """Stop every query process."""
        self._finalizer()

    def _start(self) -> _Process:
        if not self._finalizer.alive:  # closed: nobody would stop it
            raise QueryFailed("the query service is stopping", hint="try again in a moment")
        process = _Process(self.store_path, self.limits.memory_limit)
        with self._lock:
            self._all.add(process)
        return process

    def _take(self) -> _Process:
        """An idle process, a ready one first (one that died while idle is dropped), or a new
        one."""
        while True:
            with self._lock:
                ready = [idle for idle in self._idle if idle.ready]
                process = (ready or self._idle or [None])[-1]
                if process is not None:
                    self._idle.remove(process)
            if process is None:
                process = self._start()
            elif process.popen.poll() is not None:
                self._discard(process, replace=False)
                continue
            if not process.ready:
                try:
                    process.wait_ready()
                except BaseException:
                    self._discard(process, replace=False)
                    raise
            return process

    def _discard(self, process: _Process, replace: bool = True) -> None:
        """Kill ``process``; when ``replace``, start another in its place (it opens the store
        while the pool serves on; the query that takes it waits only for what is left). A
        process is replaced once however often it is discarded."""
        process.kill()
        with self._lock:
            known = process in self._all
            self._all.discard(process)
        if not (replace and known and self._finalizer.alive):
            return
        try:
            successor = self._start()
        except (OSError, QueryFailed):  # none for now: _take starts one when it is needed
            return
        with self._lock:
            self._idle.append(successor)


def _kill_all(processes: set[_Process]) -> None:
    for process in list(processes):
        process.kill()
    processes.clear()
