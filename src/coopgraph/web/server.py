"""Run the app under gunicorn (a production WSGI server), in the foreground.

Each worker builds its own app after the fork and opens the release read-only, so workers
share nothing but the files on disk; the web tier stays stateless. Each worker starts its query
processes (see coopgraph.query_pool) before it takes requests. SIGHUP starts new workers on
the current build and lets the old ones finish their requests (gunicorn's graceful reload).
"""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

from coopgraph.settings import Settings


class CoopgraphServer(BaseApplication):
    def __init__(self, settings: Settings, options: dict | None = None) -> None:
        self.settings = settings
        self.options = {
            "bind": f"{settings.host}:{settings.port}",
            "workers": settings.workers,
            "worker_class": "gthread",
            "threads": 4,
            "timeout": 120,
            "graceful_timeout": 30,
            "keepalive": 5,
            "accesslog": "-" if settings.access_log else None,
            "errorlog": "-",
            "proc_name": "coopgraph",
            "post_worker_init": _start_query_processes,
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
