"""Time `coopgraph validate` on synthetic datasets of growing size, against plain pyshacl.

For each scale the synthetic dataset (benchmarks/synthetic.py) is generated into a temporary
folder (or reused from --cache), then validated twice, each time in a fresh subprocess so that
wall time and peak RSS belong to that run alone:

* coopgraph: `python -m coopgraph validate DIR --format json`;
* pyshacl:   the same union graph (ontology + data files + one `a coop:DataGraph` triple per
  file), loaded with rdflib and validated with `pyshacl.validate(inference="none",
  advanced=True)`; this is the floor that coopgraph's loading and reporting add to.

A Markdown table is printed at the end.

    .venv/bin/python benchmarks/bench_validate.py --scales 10000,100000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import synthetic

PROJECT = Path(os.environ.get("COOPGRAPH_ROOT") or Path(__file__).resolve().parents[1])
DATA_SUFFIXES = {".ttl": "turtle", ".nt": "nt"}


@dataclass(frozen=True)
class Run:
    """One timed subprocess."""

    seconds: float
    peak_rss_mib: float
    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Row:
    """The result of one tool at one scale (median seconds, largest RSS over the repeats)."""

    scale: int
    triples: int
    files: int
    tool: str
    seconds: float | None
    peak_rss_mib: float | None
    violations: int | str


def run_timed(command: list[str], cwd: Path) -> Run:
    """Run command, returning wall time and the peak RSS of that child alone (os.wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        rss_kib = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
        return Run(seconds, rss_kib / 1024, process.returncode,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def dataset_dir(scale: int, seed: int, fmt: str, cache: Path | None, scratch: Path) -> Path:
    return (cache or scratch) / f"synthetic-{scale}-seed{seed}-{fmt}"


def ensure_dataset(folder: Path, scale: int, seed: int, fmt: str) -> tuple[int, int]:
    """Generate the dataset unless a complete copy is cached; return (triples, files)."""
    marker = folder.with_suffix(".json")
    if marker.exists() and folder.is_dir():
        recorded = json.loads(marker.read_text(encoding="utf-8"))
        return recorded["triples"], recorded["files"]
    started = time.perf_counter()
    written = synthetic.generate(folder, scale, seed=seed, fmt=fmt)
    print(f"generated {written.triples} triples in {len(written.files)} files "
          f"({time.perf_counter() - started:.1f} s): {folder}", file=sys.stderr)
    marker.write_text(json.dumps({"triples": written.triples, "files": len(written.files)}),
                      encoding="utf-8")
    return written.triples, len(written.files)


def coopgraph_command(python: str, folder: Path, shapes: list[Path]) -> list[str]:
    command = [python, "-m", "coopgraph", "validate", str(folder), "--format", "json"]
    for path in shapes:
        command += ["--shapes", str(path)]
    return command


def coopgraph_violations(run: Run) -> int | str:
    if run.returncode not in (0, 1):
        return f"error (exit {run.returncode}): {run.stderr.strip().splitlines()[-1:]}"
    try:
        return int(json.loads(run.stdout)["counts"]["violation"])
    except (ValueError, KeyError, TypeError):
        return "error (unreadable JSON)"


def baseline_command(python: str, folder: Path, shapes: list[Path]) -> list[str]:
    command = [python, str(Path(__file__).resolve()), "--run-pyshacl", str(folder)]
    for path in shapes:
        command += ["--shapes", str(path)]
    return command


def baseline_violations(run: Run) -> int | str:
    if run.returncode != 0:
        return f"error (exit {run.returncode}): {run.stderr.strip().splitlines()[-1:]}"
    return int(json.loads(run.stdout)["violations"])


def turtle_files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        candidates = sorted(path.iterdir()) if path.is_dir() else [path]
        found += [p for p in candidates if p.suffix in DATA_SUFFIXES]
    return found


def run_pyshacl(folder: Path, shapes: list[Path]) -> dict[str, int | bool]:
    """The baseline, run inside the child process: plain rdflib + pyshacl on the union graph."""
    import pyshacl
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF, SH

    data_graph = Graph()
    for path in turtle_files([PROJECT / "ontology"]) + turtle_files([folder]):
        data_graph.parse(path, format=DATA_SUFFIXES[path.suffix], publicID=synthetic.BASE)
    for path in turtle_files([folder]):
        data_graph.add((URIRef(f"{synthetic.BASE}graph/{path.stem}"), RDF.type,
                        synthetic.COOP.DataGraph))
    shapes_graph = Graph()
    for path in turtle_files(shapes or [PROJECT / "shapes"]):
        shapes_graph.parse(path, format=DATA_SUFFIXES[path.suffix])
    conforms, report_graph, _ = pyshacl.validate(
        data_graph, shacl_graph=shapes_graph, inference="none", advanced=True)
    violations = sum(1 for _ in report_graph.subjects(SH.resultSeverity, SH.Violation))
    return {"conforms": bool(conforms), "violations": violations, "triples": len(data_graph)}


def measure(tool: str, command: list[str], repeat: int, scale: int, triples: int,
            files: int) -> Row:
    runs = [run_timed(command, PROJECT) for _ in range(repeat)]
    count = coopgraph_violations if tool == "coopgraph" else baseline_violations
    violations = count(runs[-1])
    failed = isinstance(violations, str)
    seconds = None if failed else statistics.median(run.seconds for run in runs)
    rss = None if failed else max(run.peak_rss_mib for run in runs)
    if failed:
        print(f"{tool} at {scale}: {violations}\n{runs[-1].stderr[-2000:]}", file=sys.stderr)
    return Row(scale, triples, files, tool, seconds, rss, violations)


def format_table(rows: list[Row]) -> str:
    lines = [
        "| scale | triples | files | tool | seconds | triples/s | peak RSS MiB | violations "
        "| overhead |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    baseline = {row.scale: row.seconds for row in rows if row.tool == "pyshacl"}
    for row in rows:
        ok = row.seconds is not None
        overhead = ""
        if row.tool == "coopgraph" and ok and baseline.get(row.scale):
            overhead = f"x{row.seconds / baseline[row.scale]:.2f}"
        lines.append(
            f"| {row.scale:,} | {row.triples:,} | {row.files} | {row.tool} "
            f"| {f'{row.seconds:.1f}' if ok else '-'} "
            f"| {f'{row.triples / row.seconds:,.0f}' if ok else '-'} "
            f"| {f'{row.peak_rss_mib:,.0f}' if ok else '-'} | {row.violations} | {overhead} |")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10000,100000,1000000",
                        help="comma-separated target triple counts (default 10000,100000,1000000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per tool and scale")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--format", choices=["ttl", "nt"], default="ttl",
                        help="file format of the synthetic data (default ttl)")
    parser.add_argument("--cache", type=Path, help="keep generated datasets here and reuse them")
    parser.add_argument("--shapes", type=Path, action="append", default=[],
                        help="shapes file or folder (repeatable; default: the project's shapes/)")
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter that has coopgraph installed (default: this one)")
    parser.add_argument("--tools", default="coopgraph,pyshacl",
                        help="which to time: coopgraph, pyshacl or both (default both)")
    parser.add_argument("--max-seconds", type=float, default=600.0,
                        help="skip larger scales once a run took longer than this (default 600)")
    parser.add_argument("--run-pyshacl", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.run_pyshacl:
        print(json.dumps(run_pyshacl(args.run_pyshacl, args.shapes)))
        return 0
    tools = [tool.strip() for tool in args.tools.split(",") if tool.strip()]
    commands = {"coopgraph": coopgraph_command, "pyshacl": baseline_command}
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="coopgraph-bench-") as scratch:
        for scale in sorted(int(value) for value in args.scales.split(",")):
            folder = dataset_dir(scale, args.seed, args.format, args.cache, Path(scratch))
            triples, files = ensure_dataset(folder, scale, args.seed, args.format)
            for tool in tools:
                command = commands[tool](args.python, folder, args.shapes)
                rows.append(measure(tool, command, args.repeat, scale, triples, files))
                print(format_table(rows[-1:]).splitlines()[-1], file=sys.stderr)
            slowest = max((row.seconds or 0.0) for row in rows if row.scale == scale)
            if slowest > args.max_seconds:
                print(f"stopping: {slowest:.0f} s at {scale} > --max-seconds "
                      f"{args.max_seconds:.0f}", file=sys.stderr)
                break
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
