"""A release: one published build, in its own directory, switched live atomically.

Layout of a build directory::

    build/
      releases/<version>/store/        Oxigraph database (opened read-only by the server)
      releases/<version>/download/     the dumps
      releases/<version>/manifest.json version, dates, checksums, statistics
      current -> releases/<version>    symbolic link, replaced atomically (rename)

A release is written under ``releases/.staging-*`` and renamed into place only when complete,
so no client and no server ever sees a half-written release.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyoxigraph

from coopgraph.errors import ConfigError

MANIFEST = "manifest.json"
KEEP_RELEASES = 3


@dataclass(frozen=True)
class Release:
    """An opened release: its manifest and a read-only store."""

    path: Path
    manifest: dict
    store: pyoxigraph.Store

    @property
    def version(self) -> str:
        return self.manifest["version"]

    @property
    def modified(self) -> datetime:
        return datetime.fromisoformat(self.manifest["created"])

    @property
    def download_dir(self) -> Path:
        return self.path / "download"

    def dump(self, name: str) -> dict | None:
        """The manifest entry of the dump file ``name``, if the release has it."""
        return next((entry for entry in self.manifest.get("files", [])
                     if entry["name"] == name), None)


def current_link(build_dir: Path) -> Path:
    return build_dir / "current"


def read_manifest(release_dir: Path) -> dict:
    try:
        return json.loads((release_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(f"{release_dir} is not a complete release: {error}") from None


def open_release(build_dir: Path) -> Release:
    """Open the current release of ``build_dir`` read-only."""
    link = current_link(build_dir)
    if not link.exists():
        raise ConfigError(f"no build in {build_dir}", hint="run 'coopgraph build' first")
    path = link.resolve()
    manifest = read_manifest(path)
    try:
        store = pyoxigraph.Store.read_only(str(path / "store"))
    except OSError as error:
        raise ConfigError(f"cannot open the store of {path}: {error}") from None
    return Release(path, manifest, store)


def write_manifest(release_dir: Path, manifest: dict) -> None:
    path = release_dir / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def publish(staging: Path, build_dir: Path, version: str) -> Path:
    """Move a complete staging directory into place and make it current, atomically."""
    releases = build_dir / "releases"
    final = releases / version
    os.rename(staging, final)
    _fsync_dir(releases)
    temporary_link = build_dir / f".current-{version}"
    if temporary_link.is_symlink():
        temporary_link.unlink()
    os.symlink(Path("releases") / version, temporary_link)
    os.replace(temporary_link, current_link(build_dir))
    _fsync_dir(build_dir)
    prune(build_dir)
    return final


def prune(build_dir: Path, keep: int = KEEP_RELEASES) -> None:
    """Remove old releases, abandoned staging directories and the temporary links of
    publishing interrupted before its last rename; never the current one."""
    releases = build_dir / "releases"
    link = current_link(build_dir)
    current = link.resolve() if link.exists() else None
    finished = sorted(path.resolve() for path in releases.iterdir()
                      if path.is_dir() and not path.name.startswith("."))
    for old in finished[:-keep]:
        if old != current:  # both resolved: build_dir may be reached through a link
            shutil.rmtree(old, ignore_errors=True)
    for staging in releases.glob(".staging-*"):
        if staging.is_dir() and not _in_use(staging):
            shutil.rmtree(staging, ignore_errors=True)
    for temporary in build_dir.glob(".current-*"):  # a concurrent build's lives a moment
        with suppress(OSError):
            if temporary.is_symlink() and time.time() - temporary.lstat().st_mtime > 60:
                temporary.unlink()


def _in_use(staging: Path) -> bool:
    """A staging directory whose builder process still runs (its pid is in the name)."""
    try:
        pid = int(staging.name.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
