"""Find the source files of a project: the ontology, the data and the shapes."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from coopgraph.errors import LoadError
from coopgraph.formats import SOURCE_FORMATS, Format


@dataclass(frozen=True)
class SourceFile:
    """One file to load. ``name`` is how messages refer to it (relative to the current folder
    when it lies below it, as compilers do)."""

    path: Path
    name: str
    format: Format

    @property
    def stem(self) -> str:
        return self.path.stem


def display_name(path: Path) -> str:
    """The path relative to the current folder when it lies below it, else absolute."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(absolute)


def _source_file(path: Path) -> SourceFile:
    fmt = SOURCE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        accepted = ", ".join(sorted(SOURCE_FORMATS))
        raise LoadError(f"cannot read files of type '{path.suffix or path.name}'",
                        location=display_name(path), hint=f"accepted: {accepted}")
    return SourceFile(path=path.resolve(), name=display_name(path), format=fmt)


def find_source_files(paths: Iterable[Path]) -> list[SourceFile]:
    """The files named, and every accepted file inside the folders named, in a stable order.

    A missing path or an explicitly named file of an unknown type is a :class:`LoadError`;
    other files inside a folder (README.md, ...) are skipped.
    """
    found: list[SourceFile] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix.lower() in SOURCE_FORMATS:
                    found.append(_source_file(child))
        elif path.is_file():
            found.append(_source_file(path))
        else:
            raise LoadError("no such file or folder", location=display_name(path))
        if not os.access(path, os.R_OK):
            raise LoadError("permission denied", location=display_name(path))
    return _without_duplicates(found)


def _without_duplicates(files: list[SourceFile]) -> list[SourceFile]:
    seen: set[Path] = set()
    unique = []
    for source in files:
        if source.path not in seen:
            seen.add(source.path)
            unique.append(source)
    return unique


def check_unique_stems(files: Iterable[SourceFile]) -> None:
    """Data files name their graphs by file stem, so two files may not share a stem."""
    by_stem: dict[str, SourceFile] = {}
    for source in files:
        other = by_stem.setdefault(source.stem, source)
        if other is not source:
            raise LoadError(
                f"two data files would share the graph name '{source.stem}' "
                f"(also {other.name})", location=source.name,
                hint="rename one of them: each data file becomes the named graph of its stem")
