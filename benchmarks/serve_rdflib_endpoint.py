"""rdflib-endpoint (the Python peer) for bench_serve.py: load an N-Triples dump (gzipped or not)
into an in-memory rdflib Graph and serve it at /sparql with uvicorn, as its own CLI does
(``rdflib-endpoint serve``), but on 127.0.0.1 and on a path of our choosing.

    python benchmarks/serve_rdflib_endpoint.py DUMP.nt.gz --port 8004
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time

import uvicorn
from rdflib import Graph
from rdflib_endpoint import SparqlEndpoint


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", help="an N-Triples file (.nt or .nt.gz)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    graph = Graph()
    opener = gzip.open if args.dump.endswith(".gz") else open
    with opener(args.dump, "rb") as handle:
        graph.parse(handle, format="nt")
    print(f"loaded {len(graph)} triples in {time.perf_counter() - started:.1f} s", flush=True)
    app = SparqlEndpoint(graph=graph, path="/sparql")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
