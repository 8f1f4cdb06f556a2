"""Builds publish atomically: a failed build leaves the previous release current and intact."""

import json
import os
import shutil
import time

import pytest

from coopgraph import build as build_module
from coopgraph.build import build_is_current, build_release
from coopgraph.errors import BuildError, LoadError
from coopgraph.release import current_link, open_release, prune
from coopgraph.settings import Settings
from tests.conftest import REPO


@pytest.fixture
def settings(tmp_path):
    """The project's ontology and shapes with a copy of the fixture data we may break."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "tests" / "data", data)
    return Settings(root=REPO, data_dir=data, build_dir=tmp_path / "build")


def _snapshot(settings):
    release = current_link(settings.build_dir).resolve()
    return release, {path.relative_to(release): path.read_bytes()
                     for path in (release / "download").iterdir()}


def test_a_build_publishes_a_complete_release(settings):
    release_dir = build_release(settings)
    assert current_link(settings.build_dir).resolve() == release_dir
    manifest = json.loads((release_dir / "manifest.json").read_text())
    assert {entry["name"] for entry in manifest["files"]} >= {"kubrat.ttl", "kubrat.nq"}
    assert manifest["statistics"]["triples"] > 50
    assert build_is_current(settings, settings.build_dir)
    assert open_release(settings.build_dir).version == manifest["version"]


def test_invalid_data_publishes_nothing_and_keeps_the_previous_release(settings):
    build_release(settings)
    before = _snapshot(settings)
    broken = settings.data_dir / "kubrat-cooperation-page.ttl"
    broken.write_text(broken.read_text().replace('"2000"^^xsd:gYear', '"2000"^^xsd:gYear ;\n'
                                                 '    schema:endDate "1990"^^xsd:gYear'))
    with pytest.raises(BuildError, match="nothing was published") as caught:
        build_release(settings)
    assert not caught.value.report.conforms
    assert _snapshot(settings) == before
    assert not build_is_current(settings, settings.build_dir)


def test_a_syntax_error_publishes_nothing(settings):
    build_release(settings)
    before = _snapshot(settings)
    (settings.data_dir / "sources.ttl").write_text("this is not turtle")
    with pytest.raises(LoadError):
        build_release(settings)
    assert _snapshot(settings) == before


def test_a_failure_while_writing_leaves_no_staging_directory(settings, monkeypatch):
    build_release(settings)
    before = _snapshot(settings)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "write_dumps", disk_full)
    with pytest.raises(OSError, match="No space left"):
        build_release(settings, validate=False)
    assert _snapshot(settings) == before
    assert not list((settings.build_dir / "releases").glob(".staging-*"))


def test_old_releases_are_pruned_but_the_current_one_is_kept(settings):
    for _ in range(5):
        build_release(settings, validate=False)
    releases = [path for path in (settings.build_dir / "releases").iterdir()]
    assert len(releases) <= 3
    assert current_link(settings.build_dir).resolve() in releases


def test_a_link_left_by_publishing_cut_short_is_removed_by_the_next_build(settings):
    first = build_release(settings, validate=False)
    stray = settings.build_dir / ".current-20260101T000000.000000Z-deadbeef"
    os.symlink(first.relative_to(settings.build_dir), stray)
    os.utime(stray, (time.time() - 3600,) * 2, follow_symlinks=False)
    build_release(settings, validate=False)
    assert not stray.is_symlink()


def test_pruning_through_a_linked_build_folder_keeps_the_current_release(settings, tmp_path):
    current = build_release(settings, validate=False)
    for index in range(3):  # newer by name, as after the clock was stepped back
        (settings.build_dir / "releases" / f"99990101T000000.000000Z-newer{index}").mkdir()
    linked = tmp_path / "linked-build"
    linked.symlink_to(settings.build_dir)
    prune(linked)
    assert current.is_dir() and current_link(settings.build_dir).resolve() == current
