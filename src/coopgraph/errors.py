"""The one error hierarchy of coopgraph.

Every error carries a message for a person, where it happened (a file position or an IRI) and,
where we can tell, a hint on how to fix it. The core raises these; the CLI and the web layer
decide how to show them (exit code, HTTP status).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourcePosition:
    """A place in a source file: 1-based line and column (column may be unknown)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class CoopgraphError(Exception):
    """Base of all errors coopgraph raises on purpose."""

    def __init__(self, message: str, *, location: SourcePosition | str | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        return f"{text} (hint: {self.hint})" if self.hint else text


class LoadError(CoopgraphError):
    """A source file cannot be read or parsed."""


class ShapesError(CoopgraphError):
    """The shapes cannot be used to validate."""


class ConfigError(CoopgraphError):
    """The settings are wrong or the project files cannot be found."""


class QueryError(CoopgraphError):
    """A SPARQL query is malformed or cannot be evaluated."""


class QueryTimeout(QueryError):
    """A query ran longer than the configured time limit."""


class ResultTooLarge(QueryError):
    """A query's result has more rows or bytes than the configured caps."""


class QueryOutOfMemory(QueryError):
    """A query needed more memory than a query process may use."""


class QueryTooLong(QueryError):
    """A query text longer than the configured maximum."""


class QueryFailed(QueryError):
    """The process running a query stopped without an answer (a crash, not the query's
    fault as far as we can tell)."""


class ServerBusy(CoopgraphError):
    """Every query process is busy and none became free in time."""


class NotFound(CoopgraphError):
    """No description exists for the requested resource."""


class NotAcceptable(CoopgraphError):
    """No representation matches what the client accepts."""


class ProtocolError(CoopgraphError):
    """A request that does not follow the SPARQL 1.1 Protocol (missing or repeated query,
    undecodable body, ...)."""


class UnsupportedMediaType(ProtocolError):
    """A POST body of a media type the endpoint does not accept."""


class MethodNotAllowed(ProtocolError):
    """An HTTP method the endpoint does not serve."""


class UpdateRefused(ProtocolError):
    """A SPARQL Update request: the endpoint is read-only."""


class BuildError(CoopgraphError):
    """A build stopped before publishing (the previous build stays in place)."""

    def __init__(self, message: str, *, report=None, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.report = report


class FederationRefused(QueryError):
    """A SERVICE clause names an endpoint that is not on the allow-list."""
