"""The loader over mutated data files (flipped bits, truncation, inserted Turtle fragments and
junk, deleted runs): a file loads, or the load stops with a LoadError at file:line inside the
file; never another exception (which the CLI would show as a traceback).

Part of issue 5, "Hold up under load, hostile queries and bad data".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coopgraph.errors import LoadError, SourcePosition
from coopgraph.formats import SOURCE_FORMATS
from coopgraph.loading import load_sources
from coopgraph.sources import SourceFile
from tests.conftest import REPO

BASE = "https://w3id.org/coopgraph/kubrat/"
ORIGINALS = {path.name: path.read_bytes() for path in sorted((REPO / "tests" / "data").glob(
    "*.ttl"))}
FRAGMENTS = [b"<", b">", b'"', b'"""', b"'", b";", b".", b",", b"[", b"]", b"(", b")", b"{",
             b"}", b"@prefix", b"@prefix x: <y> .", b"@base <urn:b> .", b"PREFIX", b"_:b",
             b"^^", b"@en", b"@", b"#", b"\n", b"\r", b"\r\n", b"\t", b"\\", b"\\u00", b"\\U",
             b"\x00", b"\xff", b"\xc3", b"\xf0\x9f\x98", b"\xef\xbb\xbf", b"a", b":", b"x:y",
             b"1.5e", b"-", b"true", b"<<", b">>", b"GRAPH", b"~", b"<http://a b>",
             b"<%zz>", b"\"\"@\"", b"\xe2\x80\xa8"]


@st.composite
def mutations(draw) -> tuple[str, bytes]:
    """(file name, mutated bytes) of one of the fixture data files."""
    name = draw(st.sampled_from(sorted(ORIGINALS)))
    data = bytearray(ORIGINALS[name])
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["flip", "truncate", "insert", "junk", "delete"]))
        if operation == "flip" and position < len(data):
            data[position] ^= 1 << draw(st.integers(0, 7))
        elif operation == "truncate":
            del data[position:]
        elif operation == "insert":
            data[position:position] = draw(st.sampled_from(FRAGMENTS))
        elif operation == "junk":
            data[position:position] = draw(st.binary(min_size=1, max_size=8))
        elif operation == "delete":
            del data[position:position + draw(st.integers(1, 30))]
    return name, bytes(data)


@pytest.fixture(scope="module")
def mutant_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mutants")


def _lone_carriage_return() -> tuple[str, bytes]:
    data = ORIGINALS["sources.ttl"]
    middle = data.index(b"\n", len(data) // 2) + 1
    return "sources.ttl", data[:middle] + b"  \r" + data[middle:]


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(mutations())
@example(_lone_carriage_return())
@example(("sources.ttl", b"@prefix : <urn:x#> .\n:a :b :c"))
@example(("sources.ttl", b"\xef\xbb\xbf<urn:a> <urn:b> \"\xff\" ."))
def test_a_mutated_file_loads_or_fails_with_a_load_error_at_file_and_line(mutant_dir, mutant):
    name, data = mutant
    path = mutant_dir / name
    path.write_bytes(data)
    source = SourceFile(path=path, name=f"data/{name}", format=SOURCE_FORMATS[".ttl"])
    try:
        loaded = load_sources([source], [], BASE)
    except LoadError as error:
        assert isinstance(error.location, SourcePosition), error
        assert error.location.file == f"data/{name}"
        assert 1 <= error.location.line <= data.count(b"\n") + 1, error
        assert error.message
    else:
        assert len(loaded.graph) >= 1  # at least the graph's registration
