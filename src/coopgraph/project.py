"""The files of a project, as the settings name them, and the operations over all of them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph

from coopgraph.loading import load_graph, load_sources
from coopgraph.settings import Settings
from coopgraph.sources import SourceFile, find_source_files
from coopgraph.store import load_store
from coopgraph.validation import ValidationEngine, ValidationReport, validate_sources


def data_files(settings: Settings, paths: Sequence[Path] = ()) -> list[SourceFile]:
    """The data files: ``paths`` (files or folders) when given, else the data folder."""
    return find_source_files(paths or [settings.data_dir])


def vocabulary_files(settings: Settings) -> list[SourceFile]:
    """The ontology and concept-scheme files."""
    return find_source_files([settings.ontology_dir])


def shapes_files(settings: Settings, paths: Sequence[Path] = ()) -> list[SourceFile]:
    """The shapes files: ``paths`` when given, else the shapes folder."""
    return find_source_files(paths or [settings.shapes_dir])


def validate_project(settings: Settings, paths: Sequence[Path] = (),
                     shapes_paths: Sequence[Path] = (),
                     engine: ValidationEngine | None = None) -> ValidationReport:
    """Validate the data (or ``paths``) with the ontology against the shapes."""
    loaded = load_sources(data_files(settings, paths), vocabulary_files(settings),
                          settings.base_iri)
    shapes_graph = load_graph(shapes_files(settings, shapes_paths), settings.base_iri)
    return validate_sources(loaded, shapes_graph, engine)


def open_project_store(settings: Settings, paths: Sequence[Path] = ()) -> pyoxigraph.Store:
    """An in-memory store of the ontology and the data (or ``paths``)."""
    return load_store(data_files(settings, paths), vocabulary_files(settings), settings.base_iri)
