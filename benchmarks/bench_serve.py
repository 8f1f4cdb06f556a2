"""Serving benchmark: requests/s and median/p99 latency of coopgraph's /sparql against its peers.

Servers, all on 127.0.0.1, all answering the same two queries on the same data:

* coopgraph:       `python -m coopgraph serve --workers 2` (gunicorn, gthread, on the build);
* bare-flask:      benchmarks/serve_bare_flask.py, a dozen lines of Flask + pyoxigraph on the same
                   store, under gunicorn with the same worker model (2 workers, gthread, 4
                   threads, keep-alive 5 s): the ceiling of coopgraph's stack;
* oxigraph-server: `oxigraph serve-read-only` (the Rust server of the `oxigraph` PyPI package) on
                   the same store;
* rdflib-endpoint: benchmarks/serve_rdflib_endpoint.py (rdflib-endpoint under uvicorn, one
                   process) on the build's N-Triples dump (1M triples load in ~25 s; it gets
                   longer wrk runs and timeouts, as it takes seconds per query; a smaller
                   graph can be given with --rdflib-triples).

The synthetic graph (benchmarks/synthetic.py) is generated into --cache and built there with
`coopgraph build --no-validate`; both are reused by later runs. Every server is checked once
before and once after the runs (status 200, SPARQL JSON, exactly the solutions pyoxigraph gives
in-process), so a server that answers errors fast cannot win. Load comes from `wrk` (4
connections, 2 threads, --latency), one run per server and query in each round, the servers
alternating within a round (and their order rotating between rounds), because the machine is
shared and noisy; the table holds medians over the rounds, and also the server's CPU time per
request (its whole process group, from /proc), which that noise barely moves.

    .venv/bin/python benchmarks/bench_serve.py --triples 1000000 --rounds 3 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path

import synthetic

HERE = Path(__file__).resolve().parent
PROJECT = Path(os.environ.get("COOPGRAPH_ROOT") or HERE.parent)
ACCEPT = "application/sparql-results+json"
SERVERS = ("coopgraph", "bare-flask", "oxigraph-server", "rdflib-endpoint")
MUNICIPALITY = synthetic.BASE + "municipality/synthetic-{:06d}"
PREFIXES = """PREFIX coop: <https://w3id.org/coopgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def lookup_query(municipality: str) -> str:
    """One municipality's partnerships, with the English labels of each and of the partner."""
    return PREFIXES + f"""SELECT ?relationship ?label ?partner ?partnerLabel WHERE {{
  ?relationship coop:party <{municipality}> ;
      a coop:MunicipalRelationship ;
      skos:prefLabel ?label ;
      coop:party ?partner .
  FILTER (?partner != <{municipality}> && lang(?label) = "en")
  ?partner skos:prefLabel ?partnerLabel .
  FILTER (lang(?partnerLabel) = "en")
}}"""


LABEL_LIST_QUERY = PREFIXES + """SELECT ?municipality ?label ?labelBg WHERE {
  ?municipality a coop:Municipality ;
      skos:prefLabel ?label .
  FILTER (lang(?label) = "en")
  OPTIONAL { ?municipality skos:prefLabel ?labelBg . FILTER (lang(?labelBg) = "bg") }
}
ORDER BY ?label
LIMIT 100"""


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    ordered: bool  # whether the order of the solutions is part of the answer


@dataclass(frozen=True)
class Dataset:
    """A generated and built synthetic graph."""

    target: int
    triples: int
    build_dir: Path

    @property
    def release(self) -> Path:
        return (self.build_dir / "current").resolve()

    @property
    def store(self) -> Path:
        return self.release / "store"

    def dump(self) -> Path:
        manifest = json.loads((self.release / "manifest.json").read_text(encoding="utf-8"))
        entry = next(item for item in manifest["files"] if item["format"] == "ntriples")
        return self.release / "download" / entry["name"]


@dataclass
class Server:
    name: str
    url: str  # the query endpoint, without query string
    dataset: Dataset
    process: subprocess.Popen | None = None
    log: Path | None = None
    problem: str | None = None  # why it is not measured, if it is not
    expected: dict[str, list] = field(default_factory=dict)


@dataclass(frozen=True)
class WrkRun:
    server: str
    query: str
    round: int
    requests_per_second: float | None
    p50_ms: float | None
    p99_ms: float | None
    requests: int
    non_2xx: int
    socket_errors: int
    cpu_ms_per_request: float | None = None  # CPU time of the server's processes / requests
    problem: str | None = None


@dataclass(frozen=True)
class Row:
    server: str
    query: str
    triples: int
    rounds: int
    requests_per_second: float | None
    p50_ms: float | None
    p99_ms: float | None
    cpu_ms_per_request: float | None
    vs_bare_flask: float | None
    vs_oxigraph: float | None
    cpu_vs_bare_flask: float | None  # the reference's CPU ms/request over this server's
    cpu_vs_oxigraph: float | None
    note: str = ""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- data


def ensure_synthetic(cache: Path, triples: int, seed: int) -> tuple[Path, int]:
    """Generate the synthetic Turtle files unless a complete copy is cached (same layout and
    marker as bench_validate.py, so both benchmarks share a cache)."""
    folder = cache / f"synthetic-{triples}-seed{seed}-ttl"
    marker = folder.with_suffix(".json")
    if marker.exists() and folder.is_dir():
        return folder, json.loads(marker.read_text(encoding="utf-8"))["triples"]
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    written = synthetic.generate(folder, triples, seed=seed, fmt="ttl")
    log(f"generated {written.triples:,} triples in {time.perf_counter() - started:.0f} s: "
        f"{folder}")
    marker.write_text(json.dumps({"triples": written.triples, "files": len(written.files)}),
                      encoding="utf-8")
    return folder, written.triples


def project_env(cache: Path, data_dir: Path) -> dict[str, str]:
    """COOPGRAPH_* for a build or server of the synthetic data with the project's vocabulary
    (an empty vocabulary folder when the checkout has no ontology/ yet)."""
    env = {**os.environ, "COOPGRAPH_ROOT": str(PROJECT), "COOPGRAPH_DATA_DIR": str(data_dir)}
    if not (PROJECT / "ontology").is_dir():
        empty = cache / "empty-ontology"
        empty.mkdir(parents=True, exist_ok=True)
        env["COOPGRAPH_ONTOLOGY_DIR"] = str(empty)
    return env


def ensure_build(cache: Path, python: str, target: int, seed: int, timeout: float) -> Dataset:
    """`coopgraph build --no-validate` of the synthetic graph, unless a build of it exists (the
    data is generated valid; validating 1M triples would only slow the benchmark down)."""
    data_dir, triples = ensure_synthetic(cache, target, seed)
    build_dir = cache / f"build-{target}-seed{seed}"
    marker = build_dir / "bench-built.json"
    if marker.exists() and (build_dir / "current" / "store").is_dir():
        return Dataset(target, triples, build_dir)
    shutil.rmtree(build_dir, ignore_errors=True)
    started = time.perf_counter()
    command = [python, "-m", "coopgraph", "build", "--no-validate", "--out", str(build_dir)]
    result = subprocess.run(command, env=project_env(cache, data_dir), cwd=PROJECT,
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise SystemExit(f"coopgraph build failed ({result.returncode}):\n{result.stderr[-3000:]}")
    log(f"built {triples:,} triples in {time.perf_counter() - started:.0f} s: {build_dir}")
    marker.write_text(json.dumps({"triples": triples}), encoding="utf-8")
    return Dataset(target, triples, build_dir)


def solution_rows(variables: list[str], bindings: list[dict]) -> list[tuple[str, ...]]:
    """Solutions as tuples of lexical values (SPARQL JSON ``value``s), unbound as ''."""
    return [tuple((binding.get(name) or {}).get("value", "") for name in variables)
            for binding in bindings]


def expected_answers(dataset: Dataset, queries: list[Query]) -> dict[str, list]:
    """What pyoxigraph answers in-process on the same store: the reference for every server."""
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(dataset.store))
    answers = {}
    for query in queries:
        solutions = store.query(query.text)
        variables = [variable.value for variable in solutions.variables]
        document = json.loads(solutions.serialize(format=pyoxigraph.QueryResultsFormat.JSON))
        answers[query.name] = solution_rows(variables, document["results"]["bindings"])
        if not answers[query.name]:
            raise SystemExit(f"the {query.name} query has no solutions on {dataset.store}: "
                             f"pick another --municipality")
    del store
    return answers


# ---------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_command(name: str, python: str, port: int, dataset: Dataset) -> tuple[list[str], str]:
    """(command, endpoint path) of one server."""
    if name == "coopgraph":
        return ([python, "-m", "coopgraph", "serve", "--host", "127.0.0.1", "--port", str(port),
                 "--workers", "2", "--build", str(dataset.build_dir), "--no-rebuild"], "/sparql")
    if name == "bare-flask":
        return ([python, "-m", "gunicorn", "--chdir", str(HERE), "--workers", "2",
                 "--worker-class", "gthread", "--threads", "4", "--keep-alive", "5",
                 "--bind", f"127.0.0.1:{port}", "serve_bare_flask:app"], "/sparql")
    if name == "oxigraph-server":
        binary = shutil.which("oxigraph", path=str(Path(python).parent)) or shutil.which(
            "oxigraph")
        if binary is None:
            raise FileNotFoundError("no 'oxigraph' binary: pip install oxigraph")
        return ([binary, "serve-read-only", "--location", str(dataset.store),
                 "--bind", f"127.0.0.1:{port}"], "/query")
    if name == "rdflib-endpoint":
        return ([python, str(HERE / "serve_rdflib_endpoint.py"), str(dataset.dump()),
                 "--port", str(port)], "/sparql")
    raise ValueError(name)


def fetch(url: str, query: str, timeout: float) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def stop(process: subprocess.Popen) -> None:
    """SIGTERM the server's process group (gunicorn master and workers), then SIGKILL."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextmanager
def running(server: Server, python: str, cache: Path, logs: Path,
            ready_timeout: float, extra_env: dict[str, str] | None = None) -> Iterator[Server]:
    """Start the server in its own process group (``extra_env`` added to its environment),
    wait until it answers, stop it at the end. A server that cannot start is yielded with
    ``problem`` set instead of failing the run."""
    port = free_port()
    try:
        command, path = server_command(server.name, python, port, server.dataset)
    except (OSError, StopIteration) as error:
        server.problem = f"cannot start: {error}"
        yield server
        return
    server.url = f"http://127.0.0.1:{port}{path}"
    env = project_env(cache, cache)  # the data dir is not read when serving a build
    env["COOPGRAPH_PUBLIC_URL"] = f"http://127.0.0.1:{port}/"
    env["BENCH_STORE"] = str(server.dataset.store)
    env.update(extra_env or {})
    server.log = logs / f"{server.name}.log"
    with server.log.open("w") as output:
        server.process = subprocess.Popen(command, env=env, cwd=PROJECT, stdout=output,
                                          stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + ready_timeout
        while server.problem is None:
            if server.process.poll() is not None:
                tail = server.log.read_text(errors="replace")[-1500:]
                server.problem = f"exited with {server.process.returncode}: {tail}"
            elif time.monotonic() > deadline:
                server.problem = f"not ready after {ready_timeout:.0f} s"
            else:
                try:
                    fetch(server.url, "ASK {}", timeout=5)
                    break
                except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                    time.sleep(0.5)
        if server.problem:
            log(f"{server.name}: {server.problem}")
        else:
            log(f"{server.name} ready at {server.url} (pid {server.process.pid})")
        yield server
    finally:
        stop(server.process)


def check(server: Server, queries: list[Query], timeout: float) -> str | None:
    """None if every query is answered 200, as SPARQL JSON, with the reference solutions."""
    for query in queries:
        try:
            status, content_type, body = fetch(server.url, query.text, timeout)
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as error:
            return f"{query.name}: {error}"
        if status != 200:
            return f"{query.name}: HTTP {status}: {body[:300]!r}"
        if "sparql-results+json" not in content_type:
            return f"{query.name}: Content-Type {content_type!r}"
        try:
            document = json.loads(body)
            rows = solution_rows(document["head"]["vars"], document["results"]["bindings"])
        except (ValueError, KeyError, TypeError) as error:
            return f"{query.name}: unreadable SPARQL JSON ({error})"
        expected = server.expected[query.name]
        if len(rows) != len(expected):
            return f"{query.name}: {len(rows)} solutions, expected {len(expected)}"
        if (rows if query.ordered else sorted(rows)) != (
                expected if query.ordered else sorted(expected)):
            return f"{query.name}: the solutions differ from pyoxigraph's"
    return None


# ---------------------------------------------------------------- wrk

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_LATENCY = r"([\d.]+)(us|ms|s|m|h)"


def _milliseconds(text: str, percentile: str) -> float | None:
    match = re.search(rf"^\s*{percentile}%\s+{_LATENCY}\s*$", text, re.MULTILINE)
    return float(match.group(1)) * _UNITS_MS[match.group(2)] if match else None


def parse_wrk(text: str) -> dict:
    """Requests/s, p50 and p99 (ms), request count, non-2xx/3xx and socket errors."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.MULTILINE)
    count = re.search(r"^\s*(\d+) requests in", text, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       text)
    return {
        "requests_per_second": float(rate.group(1)) if rate else None,
        "p50_ms": _milliseconds(text, "50"),
        "p99_ms": _milliseconds(text, "99"),
        "requests": int(count.group(1)) if count else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(value) for value in errors.groups()) if errors else 0,
    }


def server_cpu_seconds(server: Server) -> float | None:
    """User + system CPU time of every process in the server's process group (Linux /proc)."""
    if server.process is None:
        return None
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == server.process.pid:  # pgrp (fields[0] is the state)
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def run_wrk(wrk: str, server: Server, query: Query, round_number: int, seconds: float,
            timeout: float, connections: int, threads: int) -> WrkRun:
    url = server.url + "?" + urllib.parse.urlencode({"query": query.text})
    command = [wrk, "--threads", str(threads), "--connections", str(connections),
               "--duration", f"{seconds:g}s", "--timeout", f"{timeout:g}s", "--latency",
               "--header", f"Accept: {ACCEPT}", url]
    cpu_before = server_cpu_seconds(server)
    try:
        result = subprocess.run(command, capture_output=True, text=True,
                                timeout=seconds + timeout + 60)
    except subprocess.TimeoutExpired:
        return WrkRun(server.name, query.name, round_number, None, None, None, 0, 0, 0,
                      "wrk did not finish in time")
    parsed = parse_wrk(result.stdout)
    cpu_after = server_cpu_seconds(server)
    if cpu_before is not None and cpu_after is not None and parsed["requests"]:
        parsed["cpu_ms_per_request"] = 1000 * (cpu_after - cpu_before) / parsed["requests"]
    problem = None
    if result.returncode != 0 or parsed["requests_per_second"] is None:
        problem = f"wrk failed ({result.returncode}): {(result.stderr or result.stdout)[-300:]}"
    elif parsed["non_2xx"]:
        problem = f"{parsed['non_2xx']} non-2xx answers"
    elif parsed["requests"] == 0:
        problem = "no request completed"
    return WrkRun(server.name, query.name, round_number, problem=problem, **parsed)


# ---------------------------------------------------------------- report


def _median(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def _ratio(server: Server, reference: str, servers: list[Server],
           medians: dict[str, float | None]) -> float | None:
    """This server's median req/s over the reference server's, when both served a graph of
    the same size."""
    scale = next((other.dataset.triples for other in servers if other.name == reference), None)
    rate, base = medians.get(server.name), medians.get(reference)
    if rate is None or not base or scale != server.dataset.triples:
        return None
    return rate / base


def summarize(servers: list[Server], queries: list[Query], runs: list[WrkRun]) -> list[Row]:
    rows = []
    for query in queries:
        good: dict[str, list[WrkRun]] = {}
        bad: dict[str, list[WrkRun]] = {}
        for server in servers:
            mine = [run for run in runs if run.server == server.name and run.query == query.name]
            good[server.name] = [run for run in mine
                                 if run.problem is None and server.problem is None]
            bad[server.name] = [run for run in mine if run.problem is not None]
        medians = {name: _median([run.requests_per_second for run in kept])
                   for name, kept in good.items()}
        # CPU per request inverted: a capacity, so that its ratios read like the req/s ones
        capacity = {name: 1 / cpu if (cpu := _median([run.cpu_ms_per_request for run in kept]))
                    else None for name, kept in good.items()}
        for server in servers:
            kept, notes = good[server.name], []
            if server.problem:
                notes.append(server.problem.splitlines()[0][:200])
            if bad[server.name]:
                notes.append(f"{len(bad[server.name])} run(s) discarded: "
                             f"{bad[server.name][0].problem}")
            errors = sum(run.socket_errors for run in kept)
            if errors:
                notes.append(f"{errors} socket errors (timeouts)")
            if server.dataset.triples != servers[0].dataset.triples:
                notes.append(f"at {server.dataset.triples:,} triples")
            rows.append(Row(server.name, query.name, server.dataset.triples, len(kept),
                            medians[server.name],
                            _median([run.p50_ms for run in kept]),
                            _median([run.p99_ms for run in kept]),
                            _median([run.cpu_ms_per_request for run in kept]),
                            _ratio(server, "bare-flask", servers, medians),
                            _ratio(server, "oxigraph-server", servers, medians),
                            _ratio(server, "bare-flask", servers, capacity),
                            _ratio(server, "oxigraph-server", servers, capacity),
                            "; ".join(notes)))
    return rows


def format_table(rows: list[Row]) -> str:
    def rate(value: float | None) -> str:
        if value is None:
            return "-"
        return f"{value:,.0f}" if value >= 100 else f"{value:.2f}" if value < 10 else f"{value:.1f}"

    def latency(value: float | None) -> str:
        if value is None:
            return "-"
        return f"{value:,.0f}" if value >= 100 else f"{value:.2f}"

    def ratio(value: float | None) -> str:
        return "-" if value is None else f"{value:.0%}" if value >= 0.1 else f"{value:.1%}"

    lines = ["| server | query | triples | req/s (median) | p50 ms | p99 ms | server CPU ms/req "
             "| vs bare Flask: req/s | CPU | vs Oxigraph server: req/s | CPU | note |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for row in rows:
        lines.append(f"| {row.server} | {row.query} | {row.triples:,} "
                     f"| {rate(row.requests_per_second)} | {latency(row.p50_ms)} "
                     f"| {latency(row.p99_ms)} | {latency(row.cpu_ms_per_request)} "
                     f"| {ratio(row.vs_bare_flask)} | {ratio(row.cpu_vs_bare_flask)} "
                     f"| {ratio(row.vs_oxigraph)} | {ratio(row.cpu_vs_oxigraph)} | {row.note} |")
    return "\n".join(lines)


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000,
                        help="size of the synthetic graph (default 1,000,000)")
    parser.add_argument("--rdflib-triples", type=int, default=0,
                        help="size of rdflib-endpoint's graph, when it should be smaller "
                             "(default 0: the same as --triples)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/coopgraph-bench-serve"),
                        help="where the synthetic data and builds are kept and reused "
                             "(default /tmp/coopgraph-bench-serve)")
    parser.add_argument("--servers", default=",".join(SERVERS),
                        help=f"comma-separated subset of {','.join(SERVERS)}")
    parser.add_argument("--queries", default="lookup,label-list",
                        help="comma-separated subset of lookup,label-list")
    parser.add_argument("--municipality", type=int, default=123,
                        help="number of the municipality of the lookup query (default 123)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--seconds", type=float, default=10, help="wrk duration (default 10)")
    parser.add_argument("--warmup", type=float, default=2,
                        help="seconds of unmeasured wrk load per server and query before the "
                             "first round (default 2; not for rdflib-endpoint)")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (4)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--timeout", type=float, default=10,
                        help="wrk request timeout in seconds (default 10)")
    parser.add_argument("--rdflib-seconds", type=float, default=30,
                        help="wrk duration for rdflib-endpoint (default 30: at 1M triples it "
                             "answers the label list in ~4 s, ~13 s with 4 clients queued)")
    parser.add_argument("--rdflib-timeout", type=float, default=60,
                        help="wrk and check timeout for rdflib-endpoint (default 60)")
    parser.add_argument("--ready-timeout", type=float, default=120,
                        help="seconds a server may take to answer (default 120; rdflib-endpoint "
                             "gets 10x for loading)")
    parser.add_argument("--build-timeout", type=float, default=3600,
                        help="seconds `coopgraph build` may take (default 3600)")
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter with coopgraph, gunicorn, oxigraph and rdflib-endpoint "
                             "installed (default: this one)")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "wrk", help="wrk binary")
    parser.add_argument("--json", type=Path, help="also write rows and raw runs here as JSON")
    return parser.parse_args(argv)


def _terminate(signum, frame) -> None:  # noqa: ARG001 - signal handler signature
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    if shutil.which(args.wrk) is None:
        raise SystemExit(f"no wrk at {args.wrk!r}: apt-get install wrk")
    names = [name.strip() for name in args.servers.split(",") if name.strip()]
    unknown = sorted(set(names) - set(SERVERS))
    if unknown:
        raise SystemExit(f"unknown server(s): {', '.join(unknown)}")
    all_queries = [Query("lookup", lookup_query(MUNICIPALITY.format(args.municipality)), False),
                   Query("label-list", LABEL_LIST_QUERY, True)]
    wanted = {name.strip() for name in args.queries.split(",")}
    queries = [query for query in all_queries if query.name in wanted]
    args.cache.mkdir(parents=True, exist_ok=True)
    logs = args.cache / "logs"
    logs.mkdir(exist_ok=True)

    datasets: dict[int, Dataset] = {}
    expected: dict[int, dict[str, list]] = {}

    def dataset_for(target: int) -> Dataset:
        if target not in datasets:
            datasets[target] = ensure_build(args.cache, args.python, target, args.seed,
                                            args.build_timeout)
            expected[target] = expected_answers(datasets[target], queries)
            log(f"{datasets[target].triples:,} triples: "
                + ", ".join(f"{name} {len(rows)} solutions"
                            for name, rows in expected[target].items()))
        return datasets[target]

    servers = []
    for name in names:
        target = args.triples
        if name == "rdflib-endpoint" and args.rdflib_triples:
            target = args.rdflib_triples
        dataset = dataset_for(target)
        servers.append(Server(name, "", dataset, expected=expected[target]))

    def settings(server: Server) -> tuple[float, float]:
        if server.name == "rdflib-endpoint":
            return args.rdflib_seconds, args.rdflib_timeout
        return args.seconds, args.timeout

    runs: list[WrkRun] = []
    started = time.perf_counter()
    with ExitStack() as stack:
        for server in servers:
            ready = args.ready_timeout * (10 if server.name == "rdflib-endpoint" else 1)
            stack.enter_context(running(server, args.python, args.cache, logs, ready))
            if server.problem is None:
                server.problem = check(server, queries, settings(server)[1] + 5)
                if server.problem:
                    log(f"{server.name} fails the check: {server.problem}")
        live = [server for server in servers if server.problem is None]
        for query in queries:
            for server in live:
                if args.warmup and server.name != "rdflib-endpoint":
                    run_wrk(args.wrk, server, query, 0, args.warmup, args.timeout,
                            args.connections, args.threads)
        for round_number in range(1, args.rounds + 1):
            shift = (round_number - 1) % max(1, len(live))
            order = live[shift:] + live[:shift]
            for query in queries:
                for server in order:
                    seconds, timeout = settings(server)
                    run = run_wrk(args.wrk, server, query, round_number, seconds, timeout,
                                  args.connections, args.threads)
                    runs.append(run)
                    log(f"round {round_number} {server.name:16s} {query.name:10s} "
                        f"{run.requests_per_second or 0:9.1f} req/s  p50 {run.p50_ms or 0:.2f} "
                        f"ms  p99 {run.p99_ms or 0:.2f} ms  "
                        f"CPU {run.cpu_ms_per_request or 0:.3f} ms/req"
                        + (f"  [{run.problem}]" if run.problem else ""))
        for server in live:
            problem = check(server, queries, settings(server)[1] + 5)
            if problem:
                server.problem = f"fails the check after the runs: {problem}"
                log(f"{server.name}: {server.problem}")
    rows = summarize(servers, queries, runs)
    table = format_table(rows)
    print(table)
    if args.json:
        args.json.write_text(json.dumps({
            "settings": {key: str(value) for key, value in vars(args).items()},
            "elapsed_seconds": round(time.perf_counter() - started, 1),
            "queries": {query.name: query.text for query in queries},
            "rows": [asdict(row) for row in rows],
            "runs": [asdict(run) for run in runs],
        }, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
