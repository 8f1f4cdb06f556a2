"""Typed settings, read from a TOML file and ``COOPGRAPH_*`` environment variables.

Nothing is read at import time: call :func:`load_settings`. Precedence, lowest first:
defaults, the TOML file, the environment, explicit overrides (command-line options).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coopgraph.errors import ConfigError
from coopgraph.vocab import DEFAULT_BASE_IRI, DEFAULT_LICENCE

ENV_PREFIX = "COOPGRAPH_"


@dataclass(frozen=True)
class Settings:
    """Everything coopgraph needs to know about one project.

    Paths are absolute once loaded. ``base_iri`` is the IRI the dataset's relative IRIs
    resolve against; it must end with ``/``.
    """

    root: Path
    base_iri: str = DEFAULT_BASE_IRI
    data_dir: Path = Path("data")
    ontology_dir: Path = Path("ontology")
    shapes_dir: Path = Path("shapes")
    queries_dir: Path = Path("queries")
    build_dir: Path = Path("build")
    public_url: str | None = None
    cache_max_age: int = 300
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    access_log: bool = False
    publisher_name: str = "coopgraph"
    publisher_url: str | None = None
    contact_url: str | None = None
    contact_email: str | None = None
    licence: str = DEFAULT_LICENCE
    service_allow_list: tuple[str, ...] = ()
    query_time_limit: float = 30.0
    query_processes: int = 4
    query_queue_wait: float = 10.0
    query_demote_after: float = 1.0
    query_memory_limit: int = 1024
    client_timeout: float = 10.0
    max_query_length: int = 100_000
    max_result_rows: int = 100_000
    max_result_bytes: int = 100 * 1024 * 1024

    def __post_init__(self) -> None:
        if not self.base_iri.endswith("/") or ":" not in self.base_iri:
            raise ConfigError(
                f"base_iri must be an absolute IRI ending with '/', not {self.base_iri!r}",
                hint="for example https://data.example.org/kubrat/",
            )
        if self.public_url is not None and not self.public_url.endswith("/"):
            object.__setattr__(self, "public_url", self.public_url + "/")
        for name in ("cache_max_age", "port", "workers", "query_processes", "max_query_length",
                     "max_result_rows", "max_result_bytes", "query_memory_limit"):
            self._coerce(name, int, "a whole number",
                         1 if name in ("port", "workers", "query_processes") else 0)
        for name in ("query_time_limit", "query_queue_wait", "query_demote_after",
                     "client_timeout"):
            self._coerce(name, float, "a number of seconds", 0)
        if isinstance(self.access_log, str):
            object.__setattr__(self, "access_log",
                               self.access_log.strip().lower() in ("1", "true", "yes", "on"))
        if isinstance(self.service_allow_list, str):  # from the environment: space or comma list
            object.__setattr__(self, "service_allow_list",
                               tuple(self.service_allow_list.replace(",", " ").split()))
        object.__setattr__(self, "service_allow_list", tuple(self.service_allow_list))
        root = Path(self.root).resolve()
        object.__setattr__(self, "root", root)
        for name in ("data_dir", "ontology_dir", "shapes_dir", "queries_dir", "build_dir"):
            value = Path(getattr(self, name))
            object.__setattr__(self, name, value if value.is_absolute() else root / value)


    def _coerce(self, name: str, kind: type, described: str, minimum: int) -> None:
        value = getattr(self, name)
        try:
            converted = kind(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{name} must be {described}, not {value!r}") from None
        if not converted >= minimum or converted != converted or converted == float("inf"):
            raise ConfigError(f"{name} is out of range: {value!r}",
                              hint=f"it must be {minimum} or more")
        object.__setattr__(self, name, converted)


SETTING_NAMES = tuple(field.name for field in dataclasses.fields(Settings))


def find_project_root(start: Path | None = None) -> Path:
    """The folder holding ``ontology/`` and ``shapes/``: the current folder or one above it,
    else the checkout this package was installed from (an editable install)."""
    here = (start or Path.cwd()).resolve()
    candidates = [here, *here.parents, Path(__file__).resolve().parents[2]]
    for folder in candidates:
        if (folder / "ontology").is_dir() and (folder / "shapes").is_dir():
            return folder
    raise ConfigError(
        f"no coopgraph project found in {here} or above it (looked for ontology/ and shapes/)",
        hint="run the command inside the project folder, or set COOPGRAPH_ROOT",
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            values = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"configuration file not found: {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"configuration file {path} is not valid TOML: {error}") from None
    values = values.get("coopgraph", values)
    unknown = sorted(set(values) - set(SETTING_NAMES))
    if unknown:
        raise ConfigError(
            f"unknown setting(s) in {path}: {', '.join(unknown)}",
            hint=f"known settings: {', '.join(SETTING_NAMES)}",
        )
    return values


def _read_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    values = {}
    for name in SETTING_NAMES:
        key = ENV_PREFIX + name.upper()
        if key in environ:
            values[name] = environ[key]
    return values


def load_settings(config_file: Path | None = None, *, environ: Mapping[str, str] | None = None,
                  **overrides: Any) -> Settings:
    """Build :class:`Settings` from defaults, a TOML file, the environment and overrides."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    if config_file is not None:
        values.update(_read_toml(Path(config_file)))
    values.update(_read_environment(environ))
    values.update({key: value for key, value in overrides.items() if value is not None})
    if "root" not in values:
        values["root"] = find_project_root()
    try:
        return Settings(**values)
    except TypeError as error:
        raise ConfigError(f"invalid settings: {error}") from None
