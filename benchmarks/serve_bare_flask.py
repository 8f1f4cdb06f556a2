"""The ceiling of coopgraph's stack for bench_serve.py: Flask + pyoxigraph and nothing else (no
negotiation, ETags, limits or error handling). Run it under gunicorn like coopgraph:

    BENCH_STORE=build/current/store gunicorn --chdir benchmarks -w 2 -k gthread serve_bare_flask:app
"""

import os

import pyoxigraph
from flask import Flask, Response, request

store = pyoxigraph.Store.read_only(os.environ["BENCH_STORE"])
app = Flask(__name__)


@app.get("/sparql")
def sparql() -> Response:
    solutions = store.query(request.args["query"])
    return Response(solutions.serialize(format=pyoxigraph.QueryResultsFormat.JSON),
                    content_type="application/sparql-results+json")
