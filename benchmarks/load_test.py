"""Load test: coopgraph as shipped (`coopgraph serve`, 2 workers) under a mixed load, on loopback.

Two phases on the synthetic graph of bench_serve.py (1M triples by default):

1. **unloaded**: wrk sends only cheap requests (half SPARQL lookups of one municipality's
   partnerships, half Turtle descriptions of that municipality) over --baseline-connections
   (4, the serving benchmark's), nothing else running: the reference p50/p99;
2. **loaded**: wrk sends the same cheap requests over --connections (8: twice the benchmark's
   load), while Python threads add, for the same --seconds, aggregates (a sorted label list and
   a GROUP BY count, back to back on --aggregate-clients connections), whole N-Triples dump
   downloads (one every --dump-interval seconds) and --runaways runaway queries (a cross product
   of the whole graph, spaced over the run), which must end in 503 at the time or memory limit.

All the while the memory of the server's processes (gunicorn master, workers and their query
processes: the server's process group) is sampled every second, as the sum of their
proportional set sizes (PSS, shared pages counted once; from /proc/PID/smaps_rollup).

It reports the cheap requests' requests/s, p50 and p99 in both phases and the ratio of the
p99s; each kind of heavy request with its statuses and times; every failure that is not an
intended timeout; and the memory curve. Exit status 1 when a request failed unexpectedly.

    .venv/bin/python benchmarks/load_test.py                    # 1M triples, 120 s loaded
    .venv/bin/python benchmarks/load_test.py --triples 20000 --seconds 20   # smoke test
    .venv/bin/python benchmarks/load_test.py --stream           # also: every triple, uncapped
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench_serve import (
    LABEL_LIST_QUERY,
    MUNICIPALITY,
    PREFIXES,
    Dataset,
    Server,
    ensure_build,
    log,
    lookup_query,
    parse_wrk,
    running,
)

RESULTS_JSON = "application/sparql-results+json"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT_BY_COUNTRY = PREFIXES + """SELECT ?country (COUNT(?municipality) AS ?n) WHERE {
  ?municipality a coop:Municipality ; coop:country ?country .
} GROUP BY ?country ORDER BY DESC(?n)"""
EVERY_TRIPLE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


# ---------------------------------------------------------------- measuring the server


def group_memory(group: int) -> tuple[float, float, int]:
    """MiB of PSS summed over the processes of process group ``group``, the part of it that is
    anonymous memory (heaps; the rest is mapped files: the store, libraries), their number."""
    kibibytes, anonymous, count = 0, 0, 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) != group:
                continue
            rollup = (entry / "smaps_rollup").read_text()
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile, or a kernel thread
        fields = dict(line.split(":", 1) for line in rollup.splitlines()[1:] if ":" in line)
        kibibytes += int(fields["Pss"].split()[0])
        anonymous += int(fields.get("Pss_Anon", "0 kB").split()[0])
        count += 1
    return kibibytes / 1024, anonymous / 1024, count


class MemorySampler(threading.Thread):
    def __init__(self, group: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.group, self.interval = group, interval
        self.samples: list[tuple[float, float, float, int]] = []  # s, MiB, anon MiB, count
        self.stopping = threading.Event()

    def run(self) -> None:
        started = time.monotonic()
        while not self.stopping.is_set():
            mebibytes, anonymous, count = group_memory(self.group)
            self.samples.append((round(time.monotonic() - started, 1), round(mebibytes, 1),
                                 round(anonymous, 1), count))
            self.stopping.wait(self.interval)

    def stop(self) -> list[tuple[float, float, float, int]]:
        self.stopping.set()
        self.join()
        return self.samples


# ---------------------------------------------------------------- the heavy requests


@dataclass
class Outcome:
    kind: str
    at: float  # seconds since the loaded phase began
    seconds: float
    status: int | None
    size: int
    note: str = ""

    @property
    def intended(self) -> bool:
        """What this request should have got: 200, or for a runaway 503 at the time or
        memory limit."""
        if self.kind == "runaway":
            return self.status == 503 and ("time limit" in self.note or "memory" in self.note)
        return self.status == 200


def fetch_all(url: str, accept: str, timeout: float) -> tuple[int | None, int, str]:
    """GET ``url`` and read the whole body in chunks: (status, bytes, start of an error body)."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            size = 0
            while chunk := response.read(1 << 16):
                size += len(chunk)
            return response.status, size, ""
    except urllib.error.HTTPError as error:
        body = error.read()
        return error.code, len(body), body[:300].decode(errors="replace")
    except OSError as error:  # refused, reset, timed out: a failed request
        return None, 0, repr(error)


@dataclass
class Mix:
    """The heavy requests of the loaded phase, each kind on its own threads."""

    base: str  # the server's root URL, with a trailing slash
    dump: str  # the N-Triples dump's file name
    seconds: float
    aggregate_clients: int
    dump_interval: float
    runaways: int
    timeout: float
    outcomes: list[Outcome] = field(default_factory=list)

    def run(self) -> list[threading.Thread]:
        self.started = time.monotonic()
        threads = [threading.Thread(target=self._aggregates, args=(n,), daemon=True)
                   for n in range(self.aggregate_clients)]
        threads.append(threading.Thread(target=self._dumps, daemon=True))
        spacing = self.seconds / (self.runaways + 1)
        threads += [threading.Thread(target=self._runaway, args=(spacing * (n + 1),), daemon=True)
                    for n in range(self.runaways)]
        for thread in threads:
            thread.start()
        return threads

    def _now(self) -> float:
        return time.monotonic() - self.started

    def _record(self, kind: str, url: str, accept: str) -> None:
        at = self._now()
        status, size, note = fetch_all(url, accept, self.timeout)
        self.outcomes.append(Outcome(kind, round(at, 2), round(self._now() - at, 3), status,
                                     size, note))

    def _query_url(self, query: str) -> str:
        return self.base + "sparql?" + urllib.parse.urlencode({"query": query})

    def _aggregates(self, client: int) -> None:
        queries = [("label-list", LABEL_LIST_QUERY), ("count-by-country", COUNT_BY_COUNTRY)]
        turn = client
        while self._now() < self.seconds:
            kind, query = queries[turn % 2]
            self._record(kind, self._query_url(query), RESULTS_JSON)
            turn += 1

    def _dumps(self) -> None:
        turn = 0
        while self._now() < self.seconds:
            time.sleep(max(0.0, turn * self.dump_interval - self._now()))
            self._record("dump", self.base + "download/" + self.dump, "*/*")
            turn += 1

    def _runaway(self, at: float) -> None:
        time.sleep(max(0.0, at - self._now()))
        self._record("runaway", self._query_url(RUNAWAY), RESULTS_JSON)


# ---------------------------------------------------------------- the cheap requests (wrk)


def wrk_script(paths: list[tuple[str, str]], folder: Path) -> Path:
    """A wrk Lua script that sends the (path, Accept) pairs in turn on each connection."""
    entries = ",\n".join(f'  {{path = "{path}", accept = "{accept}"}}' for path, accept in paths)
    script = folder / "cheap-requests.lua"
    script.write_text(
        "local requests = {\n" + entries + "\n}\n"
        "local turn = 0\n"
        "request = function()\n"
        "  turn = turn % #requests + 1\n"
        "  local r = requests[turn]\n"
        '  return wrk.format("GET", r.path, {["Accept"] = r.accept})\n'
        "end\n", encoding="utf-8")
    return script


def run_wrk(wrk: str, base: str, script: Path, seconds: float, connections: int,
            timeout: float) -> dict:
    command = [wrk, "--threads", "2", "--connections", str(connections), "--duration",
               f"{seconds:g}s", "--timeout", f"{timeout:g}s", "--latency", "--script",
               str(script), base]
    result = subprocess.run(command, capture_output=True, text=True,
                            timeout=seconds + timeout + 60)
    parsed = parse_wrk(result.stdout)
    if result.returncode != 0 or parsed["requests_per_second"] is None:
        raise SystemExit(f"wrk failed ({result.returncode}): {result.stderr or result.stdout}")
    return parsed


# ---------------------------------------------------------------- streaming every triple


def stream_every_triple(server: Server, accept: str, timeout: float) -> dict:
    """Read ``SELECT ?s ?p ?o`` over the whole graph while sampling the server's memory."""
    sampler = MemorySampler(server.process.pid, 0.5)
    sampler.start()
    time.sleep(1.2)
    started = time.monotonic()
    url = server.url + "?" + urllib.parse.urlencode({"query": EVERY_TRIPLE})
    status, size, note = fetch_all(url, accept, timeout)
    seconds = time.monotonic() - started
    time.sleep(1.2)
    samples = sampler.stop()
    memory = [mebibytes for _, mebibytes, _, _ in samples]
    return {"accept": accept, "status": status, "bytes": size, "seconds": round(seconds, 1),
            "note": note, "memory_before_mib": memory[0], "memory_peak_mib": max(memory),
            "memory_after_mib": memory[-1], "samples": samples}


# ---------------------------------------------------------------- report


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def heavy_table(outcomes: list[Outcome]) -> str:
    lines = ["| kind | requests | statuses | median s | max s | MiB each (median) |",
             "|---|---:|---|---:|---:|---:|"]
    for kind in sorted({outcome.kind for outcome in outcomes}):
        mine = [outcome for outcome in outcomes if outcome.kind == kind]
        statuses: dict[str, int] = {}
        for outcome in mine:
            key = str(outcome.status or "no answer")
            statuses[key] = statuses.get(key, 0) + 1
        times = [outcome.seconds for outcome in mine]
        lines.append(
            f"| {kind} | {len(mine)} | "
            + ", ".join(f"{key}: {count}" for key, count in sorted(statuses.items()))
            + f" | {statistics.median(times):.2f} | {max(times):.2f} | "
            f"{statistics.median(outcome.size for outcome in mine) / 2**20:.1f} |")
    return "\n".join(lines)


def memory_lines(samples: list[tuple[float, float, float, int]], every: int = 10) -> str:
    values = [mebibytes for _, mebibytes, _, _ in samples]
    lines = [f"memory of the server's processes (PSS, MiB): start {values[0]:.0f}, "
             f"min {min(values):.0f}, max {max(values):.0f}, end {values[-1]:.0f}; "
             f"processes {min(n for *_, n in samples)}-{max(n for *_, n in samples)}",
             "", "| s | MiB | of it anonymous | processes |", "|---:|---:|---:|---:|"]
    lines += [f"| {at:.0f} | {mebibytes:.0f} | {anonymous:.0f} | {count} |"
              for at, mebibytes, anonymous, count in samples[::every]]
    return "\n".join(lines)


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000,
                        help="size of the synthetic graph (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/coopgraph-bench-serve"),
                        help="synthetic data and builds, shared with bench_serve.py")
    parser.add_argument("--municipality", type=int, default=123,
                        help="the municipality of the cheap requests (default 123)")
    parser.add_argument("--seconds", type=float, default=120,
                        help="length of each phase in seconds (default 120)")
    parser.add_argument("--baseline-connections", type=int, default=4,
                        help="wrk connections, unloaded phase (default 4: bench_serve's)")
    parser.add_argument("--connections", type=int, default=8,
                        help="wrk connections, loaded phase (default 8: twice bench_serve's)")
    parser.add_argument("--aggregate-clients", type=int, default=1,
                        help="clients sending aggregates back to back (default 1)")
    parser.add_argument("--dump-interval", type=float, default=2.0,
                        help="seconds between the starts of dump downloads (default 2)")
    parser.add_argument("--runaways", type=int, default=2,
                        help="runaway queries spaced over the loaded phase (default 2)")
    parser.add_argument("--timeout", type=float, default=60,
                        help="client timeout per request in seconds (default 60)")
    parser.add_argument("--stream", action="store_true",
                        help="also stream every triple with the result caps off, then with "
                             "the default caps, and report the server's memory")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="extra COOPGRAPH_* setting for the server, repeatable")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--wrk", default=shutil.which("wrk") or "wrk", help="wrk binary")
    parser.add_argument("--json", type=Path, help="also write every figure here as JSON")
    return parser.parse_args(argv)


def _terminate(signum, frame) -> None:  # noqa: ARG001 - signal handler signature
    raise SystemExit(128 + signum)


def _serve(stack: ExitStack, args, dataset: Dataset, logs: Path, env: dict[str, str],
           name: str) -> Server:
    """Start coopgraph with ``env`` added to its environment."""
    server = stack.enter_context(running(Server("coopgraph", "", dataset), args.python,
                                         args.cache, logs, 120, extra_env=env))
    if server.problem:
        raise SystemExit(f"coopgraph did not start: {server.problem}")
    log(f"{name}: {server.url}, log in {server.log}")
    return server


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    if shutil.which(args.wrk) is None:
        raise SystemExit(f"no wrk at {args.wrk!r}: apt-get install wrk")
    args.cache.mkdir(parents=True, exist_ok=True)
    logs = args.cache / "logs"
    logs.mkdir(exist_ok=True)
    dataset = ensure_build(args.cache, args.python, args.triples, args.seed, 3600)
    env = dict(item.split("=", 1) for item in args.env)
    municipality = MUNICIPALITY.format(args.municipality)
    resource_path = urllib.parse.urlparse(municipality).path.removeprefix("/coopgraph/kubrat")
    cheap = [("/sparql?" + urllib.parse.urlencode({"query": lookup_query(municipality)}),
              RESULTS_JSON), (resource_path, "text/turtle")]
    script = wrk_script(cheap, logs)
    report: dict = {"triples": dataset.triples, "settings": env, "args": {
        key: str(value) for key, value in vars(args).items()}}
    failures: list[str] = []

    with ExitStack() as stack:
        server = _serve(stack, args, dataset, logs, env, "load-test-server")
        base = server.url.removesuffix("sparql")
        for path, accept in cheap:  # the cheap requests work before they are measured
            status, size, note = fetch_all(base + path.lstrip("/"), accept, 30)
            if status != 200:
                raise SystemExit(f"{path} answered {status}: {note}")
        run_wrk(args.wrk, base, script, 5, args.baseline_connections, 10)  # warm-up
        log(f"unloaded: {args.seconds:g} s of cheap requests on {args.baseline_connections} "
            "connections")
        sampler = MemorySampler(server.process.pid, 1.0)
        sampler.start()
        unloaded = run_wrk(args.wrk, base, script, args.seconds, args.baseline_connections, 10)
        log(f"  {unloaded}")
        log(f"loaded: {args.seconds:g} s on {args.connections} connections plus the mix")
        mix = Mix(base, dataset.dump().name, args.seconds, args.aggregate_clients,
                  args.dump_interval, args.runaways, args.timeout)
        threads = mix.run()
        loaded = run_wrk(args.wrk, base, script, args.seconds, args.connections, 10)
        for thread in threads:
            thread.join(timeout=args.timeout + 30)
        time.sleep(5)  # memory after the load
        samples = sampler.stop()
        log(f"  {loaded}")
        for outcome in mix.outcomes:
            if not outcome.intended:
                failures.append(f"{outcome.kind} at {outcome.at} s: {outcome.status} "
                                f"{outcome.note}")
        for phase, figures in (("unloaded", unloaded), ("loaded", loaded)):
            if figures["non_2xx"] or figures["socket_errors"]:
                failures.append(f"cheap requests, {phase}: {figures['non_2xx']} non-2xx, "
                                f"{figures['socket_errors']} socket errors")
        report.update(unloaded=unloaded, loaded=loaded, memory=samples,
                      heavy=[asdict(outcome) for outcome in mix.outcomes])

    if args.stream:
        streams = []
        for caps, label in ((
                {"COOPGRAPH_MAX_RESULT_ROWS": "0", "COOPGRAPH_MAX_RESULT_BYTES": "0",
                 "COOPGRAPH_QUERY_TIME_LIMIT": "0"}, "caps off"), ({}, "default caps")):
            with ExitStack() as stack:
                server = _serve(stack, args, dataset, logs, {**env, **caps}, "stream-server")
                for accept in ("text/csv", RESULTS_JSON):
                    figures = stream_every_triple(server, accept, 1800)
                    figures["caps"] = label
                    streams.append(figures)
                    log(f"  every triple, {label}, {accept}: {figures['status']}, "
                        f"{figures['bytes'] / 2**20:.0f} MiB in {figures['seconds']} s, memory "
                        f"{figures['memory_before_mib']:.0f} -> peak "
                        f"{figures['memory_peak_mib']:.0f} MiB {figures['note'][:120]}")
        report["streams"] = streams

    ratio = loaded["p99_ms"] / unloaded["p99_ms"]
    print(f"# Load test, {dataset.triples:,} triples, {args.seconds:g} s per phase\n")
    print("| cheap requests | connections | req/s | p50 ms | p99 ms | non-2xx | socket errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for phase, figures, connections in (("unloaded", unloaded, args.baseline_connections),
                                        ("loaded", loaded, args.connections)):
        print(f"| {phase} | {connections} | {figures['requests_per_second']:,.0f} | "
              f"{figures['p50_ms']:.2f} | {figures['p99_ms']:.2f} | {figures['non_2xx']} | "
              f"{figures['socket_errors']} |")
    print(f"\np99 loaded / unloaded: {ratio:.1f}x (goal: at most 5x)\n")
    print(heavy_table(mix.outcomes) + "\n")
    print(memory_lines(samples) + "\n")
    if args.stream:
        print("| every triple | format | status | MiB sent | seconds | memory before | peak |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for figures in report["streams"]:
            print(f"| {figures['caps']} | {figures['accept']} | {figures['status']} | "
                  f"{figures['bytes'] / 2**20:.0f} | {figures['seconds']} | "
                  f"{figures['memory_before_mib']:.0f} | {figures['memory_peak_mib']:.0f} |")
        print()
    print("failures other than the intended timeouts: " + (
        "none" if not failures else "\n- " + "\n- ".join(failures)))
    report["failures"] = failures
    report["p99_ratio"] = ratio
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
