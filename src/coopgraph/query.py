"""Run a SPARQL query on a store and present its results.

The query form is told by the type of the result Oxigraph returns (solutions, boolean or
triples), never by matching keywords in the query text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import Enum

import pyoxigraph

from coopgraph.errors import QueryError, SourcePosition
from coopgraph.federation import check_federation, masked
from coopgraph.formats import Format, FormatKind, formats_of

_ERROR_POSITION = re.compile(r"^error at (\d+):(\d+): ")


class QueryForm(Enum):
    SELECT = "select"
    ASK = "ask"
    GRAPH = "graph"  # CONSTRUCT or DESCRIBE


@dataclass
class QueryOutcome:
    """The result of one query: its form and Oxigraph's result object."""

    form: QueryForm
    result: pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples


def result_formats(form: QueryForm) -> tuple[Format, ...]:
    """The formats a result of this form can be written in, preferred first."""
    return formats_of(FormatKind.GRAPH if form is QueryForm.GRAPH else FormatKind.RESULTS)


def _form_of(result: object) -> QueryForm:
    if isinstance(result, pyoxigraph.QuerySolutions):
        return QueryForm.SELECT
    if isinstance(result, pyoxigraph.QueryBoolean):
        return QueryForm.ASK
    return QueryForm.GRAPH


def query_error(error: SyntaxError, source: str = "query") -> QueryError:
    """Oxigraph's query syntax error with its ``line:column`` made explicit."""
    text = str(error.msg)
    match = _ERROR_POSITION.match(text)
    if match:
        line, column = match.groups()
        return QueryError(f"syntax error: {text[match.end():]}",
                          location=SourcePosition(source, int(line), int(column)))
    return QueryError(f"syntax error: {text}", location=source)


def _dataset_options(default_graphs: Sequence[str], named_graphs: Sequence[str]) -> dict:
    """Query options for a protocol dataset; none given: the store's own default graph (the
    union of all graphs) and the query's ``FROM`` clauses, if any."""
    if not default_graphs and not named_graphs:
        return {}
    options: dict = {"default_graph": [pyoxigraph.NamedNode(iri) for iri in default_graphs]}
    if named_graphs:
        options["named_graphs"] = [pyoxigraph.NamedNode(iri) for iri in named_graphs]
    return options


def run_query(store: pyoxigraph.Store, text: str, base_iri: str, source: str = "query", *,
              default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = (),
              allowed_services: Collection[str] = ()) -> QueryOutcome:
    """Evaluate a read-only query on ``store`` with the protocol dataset, if any. SERVICE
    clauses must name an endpoint in ``allowed_services`` (none by default)."""
    check_federation(text, allowed_services)
    try:
        result = store.query(text, base_iri=base_iri,
                             **_dataset_options(default_graphs, named_graphs))
    except SyntaxError as error:
        operation = update_operation(text)
        if operation:  # a malformed query (400, as the protocol says), with the real reason
            raise QueryError(f"this is not a query: {operation} is SPARQL Update, which this "
                             "read-only endpoint does not accept", location=source) from None
        raise query_error(error, source) from None
    except OSError as error:
        raise QueryError(f"the query failed: {error}", location=source) from None
    return QueryOutcome(_form_of(result), result)


_UPDATE_START = re.compile(
    r"\s*(?:(?:PREFIX\s+[^\s:]*:\s*|BASE\s*)<\d+>\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


def update_operation(text: str) -> str | None:
    """The keyword an update request starts with (after its prologue), for a text that is no
    query: someone sent an update to the query endpoint. ``None`` for anything else."""
    code, _ = masked(text)
    match = _UPDATE_START.match(code)
    return match.group(1).upper() if match else None


def _cell(term: object | None) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.Literal):
        return term.value
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value
    return str(term)


def render_table(outcome: QueryOutcome) -> str:
    """SELECT results as an aligned text table, ASK as ``true``/``false``; CONSTRUCT results
    as Turtle (a table of triples reads worse than Turtle)."""
    if outcome.form is QueryForm.ASK:
        return "true\n" if bool(outcome.result) else "false\n"
    if outcome.form is QueryForm.GRAPH:
        return outcome.result.serialize(format=pyoxigraph.RdfFormat.TURTLE).decode("utf-8")
    names = [variable.value for variable in outcome.result.variables]
    rows = [[_cell(solution[name]) for name in names] for solution in outcome.result]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(names)]
    lines = [" | ".join(name.ljust(width) for name, width in zip(names, widths, strict=True)),
             "-+-".join("-" * width for width in widths)]
    lines += [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
              for row in rows]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"
