"""Write query results to a sink as they are produced, counting rows and bytes against limits.

Graph results (CONSTRUCT, DESCRIBE) go through Oxigraph's RDF serializers. SELECT results are
written row by row with the standard library's JSON, CSV and XML writers, because Oxigraph
serializes a whole result set in one call and so cannot count or stop at a row limit; ASK
results are one value and use Oxigraph's serializer. Nothing here holds more than one chunk of
output: the sink decides where the bytes go (a pipe, a file, a buffer).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import XMLGenerator

import pyoxigraph

from coopgraph.errors import NotAcceptable, QueryError, ResultTooLarge
from coopgraph.formats import FORMATS_BY_KEY, Format
from coopgraph.query import QueryForm, QueryOutcome, result_formats

CHUNK_SIZE = 64 * 1024
RESULTS_NAMESPACE = "http://www.w3.org/2005/sparql-results#"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class ResultLimits:
    """Caps on one result: rows (solutions or triples) and bytes written; 0 means none."""

    max_rows: int = 0
    max_bytes: int = 0

    @property
    def unlimited(self) -> bool:
        return not self.max_rows and not self.max_bytes


UNLIMITED = ResultLimits()


class ResultSink:
    """Collects output in chunks of about :data:`CHUNK_SIZE` and hands each to ``emit``;
    raises :class:`ResultTooLarge` as soon as a limit is passed."""

    def __init__(self, emit: Callable[[bytes], None], limits: ResultLimits = UNLIMITED) -> None:
        self._emit = emit
        self.limits = limits
        self.rows = 0
        self.bytes = 0
        self._buffer = bytearray()
        self.exceeded: ResultTooLarge | None = None

    def write(self, data: bytes | str) -> int:
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.bytes += len(data)
        if self.limits.max_bytes and self.bytes > self.limits.max_bytes:
            self._exceed(ResultTooLarge(
                f"the result is larger than {self.limits.max_bytes} bytes, the limit of this "
                "endpoint", hint="ask for fewer rows (LIMIT) or values, or download the dumps"))
        self._buffer += data
        if len(self._buffer) >= CHUNK_SIZE:
            self.flush()
        return len(data)

    def count_row(self) -> None:
        self.rows += 1
        if self.limits.max_rows and self.rows > self.limits.max_rows:
            self._exceed(ResultTooLarge(
                f"the result has more than {self.limits.max_rows} rows, the limit of this "
                "endpoint", hint="add LIMIT (and OFFSET to page), or download the dumps"))

    def _exceed(self, error: ResultTooLarge) -> None:
        self.exceeded = error  # kept: Oxigraph turns errors raised in write() into OSError
        raise error

    def flush(self) -> None:
        if self._buffer:
            self._emit(bytes(self._buffer))
            self._buffer.clear()


def _counted(items: Iterable, sink: ResultSink) -> Iterator:
    for item in items:
        sink.count_row()
        yield item


def _json_term(term) -> dict:
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Literal):
        value = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            value["datatype"] = term.datatype.value
        return value
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write_json(names: list[str], solutions: Iterable, sink: ResultSink) -> None:
    sink.write(_json({"head": {"vars": names}})[:-1])
    sink.write(',"results":{"bindings":[')
    separator = ""
    for solution in _counted(solutions, sink):
        binding = {name: _json_term(solution[name]) for name in names
                   if solution[name] is not None}
        sink.write(separator + _json(binding))
        separator = ","
    sink.write("]}}")


# Characters XML 1.0 cannot carry at all, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(xml: XMLGenerator, text: str) -> None:
    """Character data that reads back exactly: a carriage return (XML parsers turn CR LF into
    LF) and whitespace at either end (some parsers trim it) go out as character references,
    written as they are rather than escaped. A control character XML cannot carry is refused
    (the client can ask for another format) rather than written into an ill-formed document."""
    refused = _NOT_XML.search(text)
    if refused:
        raise NotAcceptable(
            f"the result holds a character that XML cannot carry (U+{ord(refused[0]):04X})",
            hint="ask for application/sparql-results+json, text/csv or "
                 "text/tab-separated-values")
    body = text.strip(" \t\n\r")
    start = text.index(body) if body else len(text)
    for char in text[:start]:
        xml.ignorableWhitespace(f"&#{ord(char)};")
    for index, part in enumerate(body.split("\r")):
        if index:
            xml.ignorableWhitespace("&#13;")
        xml.characters(part)
    for char in text[start + len(body):]:
        xml.ignorableWhitespace(f"&#{ord(char)};")


def _xml_term(xml: XMLGenerator, term) -> None:
    if isinstance(term, pyoxigraph.NamedNode):
        xml.startElement("uri", {})
        xml.characters(term.value)
        xml.endElement("uri")
    elif isinstance(term, pyoxigraph.BlankNode):
        xml.startElement("bnode", {})
        xml.characters(term.value)
        xml.endElement("bnode")
    elif isinstance(term, pyoxigraph.Literal):
        attributes = {}
        if term.language:
            attributes["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            attributes["datatype"] = term.datatype.value
        xml.startElement("literal", attributes)
        _xml_text(xml, term.value)
        xml.endElement("literal")
    else:
        xml.startElement("triple", {})
        for part in ("subject", "predicate", "object"):
            xml.startElement(part, {})
            _xml_term(xml, getattr(term, part))
            xml.endElement(part)
        xml.endElement("triple")


def _write_xml(names: list[str], solutions: Iterable, sink: ResultSink) -> None:
    xml = XMLGenerator(sink, encoding="utf-8", short_empty_elements=True)
    xml.startDocument()
    xml.startElement("sparql", {"xmlns": RESULTS_NAMESPACE})
    xml.startElement("head", {})
    for name in names:
        xml.startElement("variable", {"name": name})
        xml.endElement("variable")
    xml.endElement("head")
    xml.startElement("results", {})
    for solution in _counted(solutions, sink):
        xml.startElement("result", {})
        for name in names:
            term = solution[name]
            if term is not None:
                xml.startElement("binding", {"name": name})
                _xml_term(xml, term)
                xml.endElement("binding")
        xml.endElement("result")
    xml.endElement("results")
    xml.endElement("sparql")
    xml.endDocument()


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, pyoxigraph.NamedNode | pyoxigraph.Literal):
        return term.value
    return str(term)


def _write_delimited(names: list[str], solutions: Iterable, sink: ResultSink,
                     tabs: bool) -> None:
    """CSV (plain values, CRLF) or TSV (terms in their N-Triples form, LF); both specified in
    SPARQL 1.1 Query Results CSV and TSV Formats."""
    row = io.StringIO()
    writer = csv.writer(row, lineterminator="\r\n")

    def write_row(values: list[str]) -> None:
        if tabs:
            row.write("\t".join(values) + "\n")
        else:
            writer.writerow(values)
        sink.write(row.getvalue())
        row.seek(0)
        row.truncate()

    write_row([f"?{name}" for name in names] if tabs else names)
    for solution in _counted(solutions, sink):
        if tabs:
            write_row(["" if solution[name] is None else str(solution[name]) for name in names])
        else:
            write_row([_csv_value(solution[name]) for name in names])


_SOLUTION_WRITERS = {
    "json": _write_json,
    "xml": _write_xml,
    "csv": lambda names, solutions, sink: _write_delimited(names, solutions, sink, tabs=False),
    "tsv": lambda names, solutions, sink: _write_delimited(names, solutions, sink, tabs=True),
}


def fitting_format(form: QueryForm, format_key: str) -> Format:
    """The format ``format_key`` names, if a result of this form can be written in it."""
    fmt = FORMATS_BY_KEY[format_key]
    fitting_formats = result_formats(form)
    if fmt not in fitting_formats:
        fitting = ", ".join(other.key for other in fitting_formats)
        raise QueryError(f"a {form.value.upper()} query cannot be written as {fmt.key}",
                         hint=f"use one of: {fitting}")
    return fmt


def write_outcome(outcome: QueryOutcome, format_key: str, sink: ResultSink,
                  prefixes: Mapping[str, str] | None = None) -> None:
    """Write ``outcome`` in the format ``format_key`` into ``sink``, then flush it.
    ``prefixes`` abbreviate IRIs in the RDF formats that have prefixes."""
    fmt = fitting_format(outcome.form, format_key)
    try:
        if outcome.form is QueryForm.ASK:
            sink.write(outcome.result.serialize(format=fmt.oxigraph))
        elif outcome.form is QueryForm.GRAPH:
            pyoxigraph.serialize(_counted(outcome.result, sink), sink, fmt.oxigraph,
                                 prefixes=dict(prefixes or {}))
        else:
            names = [variable.value for variable in outcome.result.variables]
            _SOLUTION_WRITERS[fmt.key](names, outcome.result, sink)
    except OSError as error:
        if sink.exceeded is not None:
            raise sink.exceeded from None
        raise QueryError(f"the query failed: {error}") from None
    sink.flush()


def serialize_outcome(outcome: QueryOutcome, format_key: str,
                      limits: ResultLimits = UNLIMITED) -> bytes:
    """The whole result as bytes (for small results and tests; big ones go to a sink)."""
    chunks: list[bytes] = []
    write_outcome(outcome, format_key, ResultSink(chunks.append, limits))
    return b"".join(chunks)
