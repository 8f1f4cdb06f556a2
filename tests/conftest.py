"""Shared fixtures: settings on a temporary project, a CLI runner, small file writers."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from coopgraph.settings import Settings

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def write(tmp_path: Path):
    """Write a text file below tmp_path and return its path."""

    def write_file(relative: str, text: str) -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write_file


@pytest.fixture
def project_settings() -> Settings:
    """Settings of the repository's own project (its ontology, data and shapes)."""
    return Settings(root=REPO)
