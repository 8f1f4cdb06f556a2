"""Run the app under gunicorn (a production WSGI server), in the foreground.

Each worker builds its own app after the fork and opens the release read-only, so workers
share nothing but the files on disk; the web tier stays stateless. Each worker starts its query
processes (see coopgraph.query_pool) before it takes requests. SIGHUP starts new workers on
the current build and lets the old ones finish their requests (gunicorn's graceful reload).

The worker is gunicorn's threaded worker with a limit on how long a client may stall
(``client_timeout``): gunicorn reads a request, and writes its answer, in one of the worker's
few threads, so without a limit a handful of clients that stop sending, or stop reading, would
hold every thread. The limit is on each wait (a receive or send timeout on the socket), not on
the whole request: a client that trickles its bytes is slow, not stalled. Files sent with
sendfile (the downloads) are not covered; a reverse proxy that buffers is, for those.
"""

from __future__ import annotations

import logging
import socket
import struct

from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import ThreadWorker

from coopgraph.settings import Settings


class StallTimeoutWorker(ThreadWorker):
    """gthread, with a receive and a send timeout (SO_RCVTIMEO, SO_SNDTIMEO) on every client
    connection."""

    def init_process(self) -> None:
        self.client_timeout = self.app.settings.client_timeout
        self.log.error_log.addFilter(_StalledClientNote(self.client_timeout))
        super().init_process()

    def enqueue_req(self, conn) -> None:
        if self.client_timeout:
            whole, fraction = divmod(self.client_timeout, 1)
            interval = struct.pack("ll", int(whole), int(fraction * 1_000_000))
            conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, interval)
            conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, interval)
        super().enqueue_req(conn)


class _StalledClientNote(logging.Filter):
    """gunicorn logs a read or write that timed out as a socket error with a traceback; say
    instead, in one line, that a stalled client was let go."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], BlockingIOError):
            record.msg = "closed the connection of a client that stalled for %g s"
            record.args = (self.seconds,)
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


class CoopgraphServer(BaseApplication):
    def __init__(self, settings: Settings, options: dict | None = None) -> None:
        self.settings = settings
        self.options = {
            "bind": f"{settings.host}:{settings.port}",
            "workers": settings.workers,
            "worker_class": StallTimeoutWorker,
            "threads": 4,
            "timeout": 120,
            "graceful_timeout": 30,
            "keepalive": 5,
            "accesslog": "-" if settings.access_log else None,
            "errorlog": "-",
            "proc_name": "coopgraph",
            "post_worker_init": _start_query_processes,
            "control_socket_disable": True,  # gunicornc is not used; servers share no path
            **(options or {}),
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self):
        from coopgraph.web import create_app

        return create_app(self.settings)


def _start_query_processes(worker) -> None:
    worker.wsgi.extensions["coopgraph"].queries.warm()


def serve(settings: Settings, options: dict | None = None) -> None:
    """Serve until stopped (SIGTERM / Ctrl-C); SIGHUP reloads workers onto a new build."""
    CoopgraphServer(settings, options).run()
