"""``coopgraph build`` interrupted or failing: killed with SIGKILL at any moment, out of disk
space, or stopped by bad data, it leaves the published release current, complete and
answering, and no half-written file where a client reads. The next build cleans up.

Part of issue 5, "Hold up under load, hostile queries and bad data". The core's own checks
(tests/unit/test_build.py) call build_release; here the real command runs.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest

from coopgraph import build as build_module
from coopgraph import dumps as dumps_module
from coopgraph.build import build_release
from coopgraph.cli import main
from coopgraph.release import current_link, read_manifest
from coopgraph.settings import Settings
from coopgraph.web import create_app
from tests.conftest import REPO

DATA = REPO / "tests" / "data"
ASK_KUBRAT = "ASK { <https://w3id.org/coopgraph/kubrat/municipality/kubrat> ?p ?o }"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """A build directory with one published release of the fixture data."""
    build_dir = tmp_path_factory.mktemp("published") / "build"
    build_release(Settings(root=REPO, data_dir=DATA, build_dir=build_dir))
    return build_dir


@pytest.fixture
def build_dir(published, tmp_path) -> Path:
    """A copy of the published build directory that a test may break."""
    copy = tmp_path / "build"
    shutil.copytree(published, copy, symlinks=True)
    return copy


def _verify_release(release_dir: Path) -> None:
    """The release's manifest lists files that exist with their size and checksum, and its
    store opens read-only and answers."""
    manifest = read_manifest(release_dir)
    assert manifest["files"]
    for entry in manifest["files"]:
        data = (release_dir / "download" / entry["name"]).read_bytes()
        assert len(data) == entry["size"], entry["name"]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["name"]
    assert bool(pyoxigraph.Store.read_only(str(release_dir / "store")).query(ASK_KUBRAT))


def _assert_published_intact(build_dir: Path, previous: Path | None = None) -> Path:
    """``current`` names a complete release (``previous`` when given); every release a client
    could be pointed at is complete; leftovers are only hidden (``.staging-*``,
    ``.current-*``). Returns the current release."""
    current = current_link(build_dir).resolve()
    if previous is not None:
        assert current == previous
    releases = build_dir / "releases"
    for entry in releases.iterdir():
        if not entry.name.startswith("."):
            _verify_release(entry)
    for entry in build_dir.iterdir():
        assert entry.name in ("current", "releases") or entry.name.startswith(".current-"), entry
    _verify_release(current)
    return current


def _serves(build_dir: Path) -> bytes:
    """What a server on this build hands out as the Turtle dump (and that it answers)."""
    settings = Settings(root=REPO, data_dir=DATA, build_dir=build_dir,
                        public_url="http://coopgraph.test/")
    app = create_app(settings)
    try:
        client = app.test_client()
        assert client.get("/municipality/kubrat").status_code == 303
        with client.get("/download/kubrat.ttl") as response:
            assert response.status_code == 200
            return response.get_data()
    finally:
        app.extensions["coopgraph"].queries.close()


def _start_build(build_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "coopgraph", "build", "--out", str(build_dir), "--data", str(DATA)],
        env={**os.environ, "COOPGRAPH_ROOT": str(REPO)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_when(process: subprocess.Popen, ready, timeout: float = 60.0) -> bool:
    """SIGKILL ``process`` as soon as ``ready()`` holds; False if it ended first."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if ready():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.001)
    process.wait(timeout=60)
    return False


def _staging(build_dir: Path, inside: str | None = None):
    def ready() -> bool:
        for staging in (build_dir / "releases").glob(".staging-*"):
            if inside is None or (staging / inside).exists():
                return True
        return False
    return ready


@pytest.mark.slow
@pytest.mark.parametrize("inside", [None, "store", "download/kubrat.ttl", "download/kubrat.nq"],
                         ids=["staging-created", "store-opened", "first-dump", "last-dump"])
def test_a_build_killed_while_staging_leaves_the_previous_release_current(build_dir, inside):
    previous = current_link(build_dir).resolve()
    served = _serves(build_dir)
    process = _start_build(build_dir)
    assert _kill_when(process, _staging(build_dir, inside)), "the build ended before the kill"
    assert list((build_dir / "releases").glob(".staging-*")), "nothing was half-written"
    _assert_published_intact(build_dir, previous)
    assert _serves(build_dir) == served
    # The next build publishes, and removes what the killed one left.
    after = build_release(Settings(root=REPO, data_dir=DATA, build_dir=build_dir),
                          validate=False)
    assert _assert_published_intact(build_dir) == after
    assert not list((build_dir / "releases").glob(".staging-*"))


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.2, 0.6, 1.0, 1.4])
def test_a_build_killed_at_any_moment_leaves_a_complete_current_release(build_dir, delay):
    """Killed blindly after ``delay`` seconds (before, during or after the staging, or even
    after publishing): ``current`` still names a complete release that answers."""
    process = _start_build(build_dir)
    started = time.monotonic()
    _kill_when(process, lambda: time.monotonic() - started >= delay)
    _assert_published_intact(build_dir)
    _serves(build_dir)


def test_a_full_disk_while_writing_the_dumps_is_a_clear_error(build_dir, runner, monkeypatch):
    previous = current_link(build_dir).resolve()
    real_fsync, calls = dumps_module._fsync, []

    def fsync_until_full(path: Path) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real_fsync(path)

    monkeypatch.setattr(dumps_module, "_fsync", fsync_until_full)
    result = runner.invoke(main, ["build", "--out", str(build_dir), "--data", str(DATA)],
                           env={"COOPGRAPH_ROOT": str(REPO)})
    assert result.exit_code == 2, result.output
    first = result.stderr.splitlines()[0]
    assert first == (f"{calls[-1]}: error: the build stopped: No space left on device: "
                     "nothing was published")
    assert "Traceback" not in result.output
    _assert_published_intact(build_dir, previous)
    assert not list((build_dir / "releases").glob(".staging-*"))


def test_a_full_disk_while_writing_the_manifest_publishes_nothing(build_dir, runner,
                                                                  monkeypatch):
    previous = current_link(build_dir).resolve()

    def half_a_manifest(release_dir: Path, manifest: dict) -> None:
        (release_dir / "manifest.json").write_text('{"version": "', encoding="utf-8")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(release_dir / "manifest.json"))

    monkeypatch.setattr(build_module, "write_manifest", half_a_manifest)
    result = runner.invoke(main, ["build", "--out", str(build_dir), "--data", str(DATA),
                                  "--no-validate"], env={"COOPGRAPH_ROOT": str(REPO)})
    assert result.exit_code == 2
    assert "manifest.json: error: the build stopped: No space left on device" in result.stderr
    _assert_published_intact(build_dir, previous)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


def _break(path: Path, old: bytes, new: bytes) -> int:
    """Replace ``old`` by ``new`` in the file; the 1-based line where it was."""
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))
    return data[:data.index(old)].count(b"\n") + 1


@pytest.mark.parametrize(("old", "new", "message"), [
    (b" .\n", b"\n", "error: syntax error: "),
    (b";\n", b";\r", "error: syntax error: "),  # rdflib refuses a lone carriage return
    (b"coop:", b"coop\xff:", "error: the file is not valid UTF-8 (byte 0xff)"),
], ids=["missing-dot", "lone-carriage-return", "not-utf8"])
def test_a_data_file_that_cannot_be_read_stops_the_build_at_its_line(
        build_dir, data_copy, runner, old, new, message):
    previous = current_link(build_dir).resolve()
    broken = data_copy / "kubrat-cooperation-page.ttl"
    line = _break(broken, old, new)
    result = runner.invoke(main, ["build", "--out", str(build_dir), "--data", str(data_copy)],
                           env={"COOPGRAPH_ROOT": str(REPO)})
    assert result.exit_code == 2, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{broken}:"), first
    reported_line = int(first.removeprefix(f"{broken}:").split(":", 1)[0])
    assert line <= reported_line <= line + 1, first  # where the mistake is, or the next line
    assert message in first
    _assert_published_intact(build_dir, previous)


def test_data_that_violates_the_shapes_stops_the_build_naming_file_and_line(
        build_dir, data_copy, runner):
    previous = current_link(build_dir).resolve()
    broken = data_copy / "kubrat-cooperation-page.ttl"
    _break(broken, b'"2000"^^xsd:gYear',
           b'"2000"^^xsd:gYear ;\n    schema:endDate "1990"^^xsd:gYear')
    result = runner.invoke(main, ["build", "--out", str(build_dir), "--data", str(data_copy)],
                           env={"COOPGRAPH_ROOT": str(REPO)})
    assert result.exit_code == 2
    violations = [line for line in result.stderr.splitlines() if "[violation]" in line]
    assert violations and all(line.startswith(f"{broken}:") for line in violations), (
        result.stderr)
    assert result.stderr.splitlines()[-1].endswith("nothing was published")
    _assert_published_intact(build_dir, previous)


def test_serve_on_data_that_violates_the_shapes_shows_the_report_and_serves_nothing(
        build_dir, data_copy):
    """serve builds first when the sources changed (in a child process): a failed build shows
    the same report as `coopgraph build` and stops before the server binds its port."""
    previous = current_link(build_dir).resolve()
    broken = data_copy / "kubrat-cooperation-page.ttl"
    _break(broken, b'"2000"^^xsd:gYear',
           b'"2000"^^xsd:gYear ;\n    schema:endDate "1990"^^xsd:gYear')
    result = subprocess.run(
        [sys.executable, "-m", "coopgraph", "serve", "--build", str(build_dir), "--port", "9"],
        env={**os.environ, "COOPGRAPH_ROOT": str(REPO), "COOPGRAPH_DATA_DIR": str(data_copy)},
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert any(line.startswith(f"{broken}:") and "[violation]" in line
               for line in result.stderr.splitlines()), result.stderr
    assert "Listening at" not in result.stderr
    _assert_published_intact(build_dir, previous)
