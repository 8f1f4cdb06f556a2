"""Real servers for the tests: ``python -m coopgraph serve`` (gunicorn) on a free 127.0.0.1
port, polled until ready, stopped (SIGTERM) by the test session that started it."""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from coopgraph.build import build_release
from coopgraph.settings import Settings
from tests.conftest import REPO


def _die_with_parent() -> None:
    """In the server process: get SIGTERM when the test process dies, even if it is killed
    before its teardown runs (Linux prctl PR_SET_PDEATHSIG)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except OSError:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class RunningServer:
    url: str  # with trailing slash
    process: subprocess.Popen
    build_dir: Path
    log: Path  # the server's output


@contextmanager
def running_server(build_dir: Path, *, workers: int = 2, data_dir: Path | None = None,
                   extra_env: dict[str, str] | None = None,
                   ready_timeout: float = 60.0) -> Iterator[RunningServer]:
    """Serve ``build_dir`` (already built) until the block ends."""
    port = free_port()
    env = {**os.environ, "COOPGRAPH_ROOT": str(REPO), "COOPGRAPH_PUBLIC_URL":
           f"http://127.0.0.1:{port}/", **(extra_env or {})}
    if data_dir is not None:
        env["COOPGRAPH_DATA_DIR"] = str(data_dir)
    log = (build_dir.parent / f"server-{port}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "coopgraph", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers), "--build", str(build_dir), "--no-rebuild"],
        env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + ready_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited with {process.returncode}: "
                                   f"{Path(log.name).read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url + "sparql?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not become ready in time") from None
                time.sleep(0.2)
        yield RunningServer(url, process, build_dir, Path(log.name))
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory) -> Path:
    """A build of the small fixture dataset (tests/data) with the project's ontology/shapes."""
    build_dir = tmp_path_factory.mktemp("server-build") / "build"
    build_release(Settings(root=REPO, data_dir=REPO / "tests" / "data", build_dir=build_dir))
    return build_dir


@pytest.fixture(scope="session")
def server(fixture_build) -> Iterator[RunningServer]:
    with running_server(fixture_build, data_dir=REPO / "tests" / "data") as running:
        yield running
