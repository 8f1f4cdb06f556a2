"""Build a release: validate, load the store, write the dumps and the manifest, publish.

Anything that fails (unreadable or invalid data, a full disk, a killed process) leaves the
previous release current and untouched; the half-written staging directory is never linked
and is cleaned up by the next build.
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from coopgraph import __version__
from coopgraph.dumps import write_dumps
from coopgraph.errors import BuildError, ConfigError
from coopgraph.project import data_files, shapes_files, validate_project, vocabulary_files
from coopgraph.release import current_link, publish, read_manifest, write_manifest
from coopgraph.settings import Settings
from coopgraph.sources import SourceFile
from coopgraph.statistics import dataset_statistics
from coopgraph.store import load_store
from coopgraph.validation import Severity


def dataset_name(settings: Settings) -> str:
    """The dumps' file name: the last segment of the base IRI (``kubrat``)."""
    return settings.base_iri.rstrip("/").rsplit("/", 1)[-1] or "dataset"


def sources_digest(files: list[SourceFile], settings: Settings) -> str:
    """A digest of every source file and the base IRI: a build is current when it matches."""
    digest = hashlib.sha256(settings.base_iri.encode())
    for source in sorted(files, key=lambda source: str(source.path)):
        digest.update(str(source.path.relative_to(settings.root)
                          if source.path.is_relative_to(settings.root) else source.path).encode())
        digest.update(source.path.read_bytes())
    return digest.hexdigest()


def _all_sources(settings: Settings, data_paths: Sequence[Path] = ()) -> list[SourceFile]:
    return [*data_files(settings, data_paths), *vocabulary_files(settings),
            *shapes_files(settings)]


def build_is_current(settings: Settings, build_dir: Path) -> bool:
    """Whether the current release was built from exactly the present sources."""
    link = current_link(build_dir)
    if not link.exists():
        return False
    try:
        manifest = read_manifest(link.resolve())
        return manifest.get("sources_digest") == sources_digest(_all_sources(settings), settings)
    except (ConfigError, OSError):  # an unreadable release or source is simply not current
        return False


def _write_release(settings: Settings, staging: Path, data_paths: Sequence[Path],
                   manifest: dict) -> None:
    """Fill ``staging``: the store, the dumps and the manifest. The store is closed on the way
    out, even on failure, so that nothing writes into the directory after it is removed."""
    store = load_store(data_files(settings, data_paths), vocabulary_files(settings),
                       settings.base_iri, path=staging / "store")
    try:
        store.optimize()
        store.flush()
        files = write_dumps(store, staging / "download", manifest["name"], settings.base_iri)
        write_manifest(staging, {**manifest,
                                 "statistics": dataset_statistics(store, settings.base_iri),
                                 "files": [dump.as_dict() for dump in files]})
    finally:
        del store
        gc.collect()


def build_release(settings: Settings, build_dir: Path | None = None, *,
                  validate: bool = True, data_paths: Sequence[Path] = ()) -> Path:
    """Build and publish a release of the project (or of ``data_paths`` instead of the data
    folder); returns its directory."""
    build_dir = Path(build_dir or settings.build_dir).resolve()
    if validate:
        report = validate_project(settings, data_paths)
        if not report.conforms:
            violations = report.count(Severity.VIOLATION)
            raise BuildError(f"the data does not conform to the shapes ({violations} "
                             "violations): nothing was published", report=report)
    now = datetime.now(UTC)
    created = now.replace(microsecond=0)
    digest = sources_digest(_all_sources(settings, data_paths), settings)
    (build_dir / "releases").mkdir(parents=True, exist_ok=True)
    # time to the microsecond: unique, and sorting by name sorts by age (see release.prune)
    version = f"{now:%Y%m%dT%H%M%S.%fZ}-{digest[:8]}"
    staging = build_dir / "releases" / f".staging-{version}-{os.getpid()}"
    try:
        staging.mkdir()
        _write_release(settings, staging, data_paths, {
            "version": version,
            "created": created.isoformat(),
            "generator": f"coopgraph {__version__}",
            "name": dataset_name(settings),
            "base_iri": settings.base_iri,
            "sources_digest": digest,
        })
        return publish(staging, build_dir, version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
