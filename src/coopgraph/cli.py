"""The ``coopgraph`` command line: one click group, each command a thin skin over one core call.

Errors from the core (:class:`CoopgraphError`) are printed compiler-style to stderr
(``data/x.ttl:3:10: error: ...``) with exit code 2; tracebacks only with ``--debug``.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click

from coopgraph import __version__
from coopgraph.build import build_is_current, build_release
from coopgraph.errors import BuildError, CoopgraphError
from coopgraph.formats import FormatKind, formats_of
from coopgraph.project import open_project_store, validate_project
from coopgraph.query import render_table, run_query
from coopgraph.release import open_release
from coopgraph.reporting import RENDERERS, render_text
from coopgraph.serialization import ResultSink, write_outcome
from coopgraph.settings import Settings, load_settings

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class CoopgraphGroup(click.Group):
    """A click group that turns CoopgraphError into a one-line message and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CoopgraphError as error:
            if ctx.meta.get("coopgraph.debug"):
                raise
            _echo_error(error)
            ctx.exit(EXIT_ERROR)


def _echo_error(error: CoopgraphError) -> None:
    location = f"{error.location}: " if error.location else ""
    click.echo(f"{location}error: {error.message}", err=True)
    if error.hint:
        click.echo(f"hint: {error.hint}", err=True)


def _settings(ctx: click.Context, **overrides) -> Settings:
    return load_settings(ctx.meta.get("coopgraph.config"), **overrides)


base_option = click.option(
    "--base", "base_iri", metavar="IRI",
    help="Base IRI the relative IRIs of the data resolve against "
         "(default: the base_iri setting, https://w3id.org/coopgraph/kubrat/).")
data_option = click.option(
    "--data", "data_paths", multiple=True, type=click.Path(path_type=Path),
    help="A data file or folder to use instead of data/ (repeatable).")


@click.group(cls=CoopgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coopgraph")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path),
              help="A TOML settings file (COOPGRAPH_* environment variables override it).")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, config: Path | None, debug: bool) -> None:
    """Publish the international cooperation of municipalities as linked open data."""
    ctx.meta["coopgraph.config"] = config
    ctx.meta["coopgraph.debug"] = debug


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--shapes", "shapes_paths", multiple=True, type=click.Path(path_type=Path),
              help="A shapes file or folder to use instead of shapes/ (repeatable).")
@click.option("--format", "output_format", type=click.Choice(sorted(RENDERERS)),
              default="text", show_default=True, help="How to print the report.")
@click.option("--lang", type=click.Choice(["en", "bg"]), default="en", show_default=True,
              help="Language of the messages.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@base_option
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], shapes_paths: tuple[Path, ...],
             output_format: str, lang: str, strict: bool, base_iri: str | None) -> None:
    """Check the data and the ontology against the SHACL shapes.

    With no PATHS, validates data/ with ontology/ against shapes/. Exit status: 0 conforms,
    1 violations (or warnings with --strict), 2 unreadable input.
    """
    report = validate_project(_settings(ctx, base_iri=base_iri), paths, shapes_paths)
    render = RENDERERS[output_format]
    options = {"strict": strict} if output_format == "junit" else {}
    click.echo(render(report, lang, **options), nl=False)
    ctx.exit(EXIT_FINDINGS if report.fails(strict) else EXIT_OK)


QUERY_FORMATS = ["table", *(fmt.key for fmt in formats_of(FormatKind.RESULTS, FormatKind.GRAPH))]


def _query_text(query: str) -> tuple[str, str]:
    """(text, name for messages): QUERY is a file when one exists by that name."""
    path = Path(query)
    if path.suffix == ".rq" or (len(query) < 4096 and "\n" not in query and path.is_file()):
        try:
            return path.read_text(encoding="utf-8"), query
        except FileNotFoundError:
            raise click.BadParameter(f"no such query file: {query}") from None
        except UnicodeDecodeError:
            raise click.BadParameter(f"{query} is not UTF-8 text") from None
    return query, "query"


@main.command()
@click.argument("query")
@click.option("--format", "output_format", type=click.Choice(QUERY_FORMATS), default="table",
              show_default=True, help="Result format (SELECT/ASK: table, json, xml, csv, tsv; "
                                      "CONSTRUCT/DESCRIBE: table shows Turtle, or turtle, "
                                      "ntriples, jsonld, rdfxml).")
@data_option
@base_option
@click.pass_context
def query(ctx: click.Context, query: str, output_format: str, data_paths: tuple[Path, ...],
          base_iri: str | None) -> None:
    """Run a SPARQL query (a .rq file or its text) on the data.

    QUERY is the path of a .rq file or the text of a query.

    Each data file is a named graph; the default graph is their union. Relative IRIs in the
    query resolve against the base IRI, so <municipality/kubrat> works.
    """
    settings = _settings(ctx, base_iri=base_iri)
    text, source = _query_text(query)
    store = open_project_store(settings, data_paths)
    outcome = run_query(store, text, settings.base_iri, source,
                        allowed_services=settings.service_allow_list)
    if output_format == "table":
        click.echo(render_table(outcome), nl=False)
    else:
        sys.stdout.flush()
        write_outcome(outcome, output_format, ResultSink(sys.stdout.buffer.write))
        sys.stdout.buffer.flush()


def _prepare_release(settings: Settings, no_rebuild: bool) -> None:
    """Build if the sources changed, then open the release: an unusable build fails here,
    before the server binds its port."""
    if not no_rebuild and not build_is_current(settings, settings.build_dir):
        click.echo("the sources changed since the last build: building", err=True)
        _build(settings)
    open_release(settings.build_dir)


def _in_child(function, *args) -> int:
    """Run ``function`` in a forked child and return its exit code (its errors are printed
    there). The server process itself never opens a store: gunicorn forks its workers from
    it, and a worker that inherits the store engine's state from its parent crashes when it
    exits."""
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child == 0:
        code = EXIT_OK
        try:
            function(*args)
        except CoopgraphError as error:
            _echo_error(error)
            code = EXIT_ERROR
        except BaseException:  # noqa: BLE001 - shown, then the child's exit code says it
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(child, 0)
    code = os.waitstatus_to_exitcode(status)
    if code < 0:  # killed by a signal: say so, and exit as a shell would
        click.echo(f"error: preparing the release was stopped by signal {-code}", err=True)
        return 128 - code
    return code


def _build(settings: Settings, **options) -> Path:
    """Build and publish; a failed write (a full disk, a read-only folder) is a one-line error
    naming the file, not a traceback, and the report of a failed validation is printed as
    `coopgraph validate` prints it. Either way the previous build stays current."""
    try:
        return build_release(settings, **options)
    except BuildError as error:
        if error.report is not None:
            click.echo(render_text(error.report), err=True, nl=False)
        raise
    except OSError as error:
        raise BuildError(f"the build stopped: {error.strerror or error}: nothing was published",
                         location=error.filename or str(settings.build_dir)) from None


@main.command()
@click.option("--out", "build_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Build directory (default: the build_dir setting, build/).")
@click.option("--no-validate", is_flag=True,
              help="Skip SHACL validation (for data validated elsewhere, e.g. benchmarks).")
@data_option
@base_option
@click.pass_context
def build(ctx: click.Context, build_dir: Path | None, no_validate: bool,
          data_paths: tuple[Path, ...], base_iri: str | None) -> None:
    """Validate, load the store, write dumps; publish atomically.

    A build that fails validation or parsing publishes nothing and leaves the previous build
    in place. The report of a failed validation is printed like `coopgraph validate` does.
    """
    settings = _settings(ctx, base_iri=base_iri, build_dir=build_dir)
    release_dir = _build(settings, validate=not no_validate, data_paths=data_paths)
    click.echo(f"built {release_dir}")


@main.command()
@click.option("--host", help="Interface to listen on (default 127.0.0.1).")
@click.option("--port", type=int, help="Port to listen on (default 8000).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Worker processes (default 1); the server is gunicorn either way.")
@click.option("--build", "build_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Serve this build directory (default: the build_dir setting, build/).")
@click.option("--no-rebuild", is_flag=True,
              help="Serve the current build even if the sources changed since.")
@base_option
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, workers: int | None,
          build_dir: Path | None, no_rebuild: bool, base_iri: str | None) -> None:
    """Serve the SPARQL endpoint, pages, downloads and catalog.

    Builds first when the sources changed since the last build (or there is none); a build
    that fails stops here, before the server binds its port.
    """
    settings = _settings(ctx, host=host, port=port, workers=workers, build_dir=build_dir,
                         base_iri=base_iri)
    code = _in_child(_prepare_release, settings, no_rebuild)
    if code != EXIT_OK:
        ctx.exit(code)
    from coopgraph.web.server import serve as run_server

    click.echo(f"serving on http://{settings.host}:{settings.port}/", err=True)
    run_server(settings)
