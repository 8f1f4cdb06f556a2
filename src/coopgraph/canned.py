"""Canned queries: the questions researchers ask most, one SPARQL file each in ``queries/``.

A canned query is named by its file stem, in lowercase kebab-case (``kubrat-partners`` for
``queries/kubrat-partners.rq``), and states its question on its first comment line. Names are
found by listing the folder, never by joining a requested name to a path, so no request can
reach another file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from coopgraph.errors import LoadError, NotFound

SUFFIX = ".rq"
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_NAME_LENGTH = 100


@dataclass(frozen=True)
class CannedQuery:
    """One canned query: its name (the file stem), its question and its SPARQL text."""

    name: str
    question: str
    text: str


def is_canned_name(name: str) -> bool:
    """Whether ``name`` is a plain kebab-case stem (no dots, slashes or capitals)."""
    return len(name) <= MAX_NAME_LENGTH and _NAME.fullmatch(name) is not None


def read_question(text: str, fallback: str) -> str:
    """The question on the first line of a query file (``# Who are ...?``), else ``fallback``."""
    lines = text.removeprefix("\ufeff").splitlines()
    first = lines[0].strip() if lines else ""
    question = first.lstrip("#").strip() if first.startswith("#") else ""
    return question or fallback


def _query_files(queries_dir: Path) -> dict[str, Path]:
    if not queries_dir.is_dir():
        return {}
    return {path.stem: path for path in sorted(queries_dir.glob("*" + SUFFIX))
            if path.is_file() and is_canned_name(path.stem)}


def _read(name: str, path: Path) -> CannedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise LoadError(f"the canned query is not valid UTF-8 (byte {error.start})",
                        location=str(path)) from None
    return CannedQuery(name, read_question(text, name), text)


def list_canned_queries(queries_dir: Path) -> tuple[CannedQuery, ...]:
    """Every canned query in ``queries_dir``, by name; none when the folder does not exist."""
    return tuple(_read(name, path) for name, path in _query_files(queries_dir).items())


def find_canned_query(queries_dir: Path, name: str) -> CannedQuery:
    """The canned query called ``name``; :class:`NotFound` for any other name."""
    files = _query_files(queries_dir)
    path = files.get(name) if is_canned_name(name) else None
    if path is None:
        raise NotFound(f"there is no canned query called '{name[:MAX_NAME_LENGTH]}'",
                       hint="canned queries: " + (", ".join(files) or "none"))
    return _read(name, path)
