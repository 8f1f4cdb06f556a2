"""Data-driven SHACL cases: every file listed in manifest.toml is validated together with the tiny
valid fixture in tests/data/ through the real CLI (`coopgraph validate ... --format json`) and must
give exactly the results the manifest lists. Also: the fixture alone conforms, the shapes pass
SHACL-SHACL, every shape speaks English and Bulgarian, and the bundled data has no violations.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURE = ROOT / "tests" / "data"
SHAPES = ROOT / "shapes"
MANIFEST = tomllib.loads((HERE / "manifest.toml").read_text(encoding="utf-8"))
CASES = MANIFEST["case"]
SH = Namespace("http://www.w3.org/ns/shacl#")


def _param(case: dict, marks=()) -> pytest.param:
    return pytest.param(case, id=case["id"], marks=marks)


READABLE = [_param(c) for c in CASES if c["exit"] != 2]
UNREADABLE = [_param(c) for c in CASES if c["exit"] == 2]
WARNING_ONLY = [_param(c) for c in CASES if "strict_exit" in c]
BULGARIAN = [
    _param(c)
    for c in CASES
    if "message_bg" in c
]


@pytest.fixture
def validate(monkeypatch):
    """Run `coopgraph validate ARGS` from the repository root: (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from coopgraph.cli import main

    monkeypatch.chdir(ROOT)

    def run(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


def _case_args(case: dict, *extra: str) -> list[str]:
    return [str(FIXTURE), str(ROOT / case["file"]), "--format", "json", *extra]


def _relative(file: str | None) -> str | None:
    """A result's file relative to the repository root (the CLI may print either form)."""
    if file is None:
        return None
    path = Path(file)
    if not path.is_absolute():
        path = ROOT / path
    return path.resolve().relative_to(ROOT).as_posix()


def _focus(focus: str) -> str:
    return "_:" if focus.startswith("_:") else focus


def _key(file, line, severity, focus, path) -> tuple:
    return (file, line, severity, focus, path)


def _actual(report: dict) -> list[tuple]:
    return sorted(
        (
            _key(_relative(r["file"]), r["line"], r["severity"], _focus(r["focus"]), r["path"])
            for r in report["results"]
        ),
        key=repr,
    )


def _expected(case: dict) -> list[tuple]:
    results = case.get("result", [])
    return sorted(
        (
            _key(
                case["file"] if "line" in r else None,
                r.get("line"),
                r["severity"],
                r["focus"],
                r["path"],
            )
            for r in results
        ),
        key=repr,
    )


def _message_found(report: dict, expected: dict, fragment: str) -> bool:
    return any(
        r["severity"] == expected["severity"]
        and _focus(r["focus"]) == expected["focus"]
        and r["path"] == expected["path"]
        and fragment in (r["message"] or "")
        for r in report["results"]
    )


@pytest.mark.parametrize("case", READABLE)
def test_case_gives_exactly_the_expected_results(case, validate):
    exit_code, out, err = validate(*_case_args(case))
    assert exit_code == case["exit"], err
    report = json.loads(out)
    assert _actual(report) == _expected(case)
    for expected in case.get("result", []):
        assert _message_found(report, expected, expected["message"]), expected
    assert report["conforms"] is (case["exit"] == 0)
    counts = report["counts"]
    for severity in ("violation", "warning", "info"):
        wanted = sum(1 for r in case.get("result", []) if r["severity"] == severity)
        assert counts[severity] == wanted, severity


@pytest.mark.parametrize("case", WARNING_ONLY)
def test_warnings_fail_only_with_strict(case, validate):
    exit_code, _, err = validate(*_case_args(case))
    assert exit_code == 0, err
    exit_code, out, err = validate(*_case_args(case, "--strict"))
    assert exit_code == case["strict_exit"], err
    assert _actual(json.loads(out)) == _expected(case)


@pytest.mark.parametrize("case", BULGARIAN)
def test_messages_are_given_in_bulgarian_with_lang_bg(case, validate):
    _, out, _ = validate(*_case_args(case, "--lang", "bg"))
    report = json.loads(out)
    assert _message_found(report, case["result"][0], case["message_bg"])


@pytest.mark.parametrize("case", UNREADABLE)
def test_syntax_error_exits_2_with_file_line_and_column(case, validate):
    exit_code, _, err = validate(*_case_args(case))
    assert exit_code == 2
    file, line, column = case["error"].rsplit(":", 2)
    assert f"{Path(file).name}:{line}:{column}: error:" in err


def test_fixture_alone_conforms_without_any_result(validate):
    exit_code, out, err = validate(str(FIXTURE), "--format", "json")
    assert exit_code == 0, err
    report = json.loads(out)
    assert report["conforms"] is True
    assert report["results"] == []


def test_bundled_data_has_no_violations(validate):
    exit_code, out, err = validate("--format", "json")
    report = json.loads(out)
    violations = [r for r in report["results"] if r["severity"] == "violation"]
    assert violations == []
    assert exit_code == 0, err


def _shapes_graph() -> Graph:
    graph = Graph()
    for path in sorted(SHAPES.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def test_shapes_pass_shacl_shacl_meta_validation():
    import pyshacl

    shacl_shacl = Graph().parse(
        Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl", format="turtle"
    )
    conforms, _, text = pyshacl.validate(_shapes_graph(), shacl_graph=shacl_shacl, inference="none")
    assert conforms, text


def _languages(graph: Graph, node) -> set[str]:
    return {m.language for m in graph.objects(node, SH.message) if isinstance(m, Literal)}


def test_every_shape_has_a_message_in_english_and_bulgarian():
    graph = _shapes_graph()
    shapes = set(graph.subjects(RDF.type, SH.NodeShape)) | set(
        graph.subjects(RDF.type, SH.PropertyShape)
    )
    assert shapes
    silent = sorted(str(s) for s in shapes if _languages(graph, s) != {"en", "bg"})
    assert silent == []


def test_every_case_file_is_in_the_manifest_once():
    listed = [c["file"] for c in CASES]
    assert len(listed) == len(set(listed))
    on_disk = sorted(p.relative_to(ROOT).as_posix() for p in HERE.glob("*.ttl"))
    assert sorted(listed) == on_disk


def test_case_files_are_named_for_a_shapes_file():
    targets = {p.stem for p in SHAPES.glob("*.ttl")} | {"syntax"}
    for case in CASES:
        stem = Path(case["file"]).stem
        assert stem.rsplit("-", 1)[0] in targets, stem
