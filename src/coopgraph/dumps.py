"""Write the downloadable dumps of a dataset, with their sizes and SHA-256 checksums.

Every byte comes from Oxigraph's serializers. Graph formats (Turtle, N-Triples, JSON-LD,
RDF/XML) hold the union of the data graphs; dataset formats (TriG, N-Quads) keep one named
graph per source, so provenance survives the download. N-Triples is also offered gzipped.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph

from coopgraph.formats import FORMATS_BY_KEY, FormatKind
from coopgraph.store import data_graph_names
from coopgraph.vocab import PREFIXES

# (format key, gzip?) of every dump, in the order the catalog lists them.
DUMPS = (("turtle", False), ("ntriples", True), ("jsonld", False), ("rdfxml", False),
         ("trig", False), ("nquads", False))
GZIP_MEDIA_TYPE = "application/gzip"
PREFIXED = ("turtle", "trig", "rdfxml")  # formats whose serializer takes prefixes


@dataclass(frozen=True)
class DumpFile:
    """A written dump: ``media_type`` is the RDF format, ``compression`` its wrapper if any."""

    name: str
    format: str
    media_type: str
    compression: str | None
    size: int
    sha256: str

    def as_dict(self) -> dict:
        return asdict(self)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _union_store(store: pyoxigraph.Store, graphs: list[pyoxigraph.NamedNode]) -> pyoxigraph.Store:
    """An in-memory store with the union of ``graphs`` in its default graph."""
    union = pyoxigraph.Store()
    union.bulk_extend(pyoxigraph.Quad(quad.subject, quad.predicate, quad.object)
                      for graph in graphs
                      for quad in store.quads_for_pattern(None, None, None, graph))
    return union


def _dataset_store(store: pyoxigraph.Store, graphs: list[pyoxigraph.NamedNode]
                   ) -> pyoxigraph.Store:
    copy = pyoxigraph.Store()
    copy.bulk_extend(quad for graph in graphs
                     for quad in store.quads_for_pattern(None, None, None, graph))
    return copy


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def write_dumps(store: pyoxigraph.Store, directory: Path, name: str, base_iri: str
                ) -> list[DumpFile]:
    """Write every dump of the data graphs of ``store`` into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    graphs = data_graph_names(store, base_iri)
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    sources = {FormatKind.GRAPH: _union_store(store, graphs),
               FormatKind.DATASET: _dataset_store(store, graphs)}
    written = []
    for key, compressed in DUMPS:
        fmt = FORMATS_BY_KEY[key]
        path = directory / f"{name}{fmt.suffix}"
        source = sources[fmt.kind]
        options = {"prefixes": prefixes} if key in PREFIXED else {}
        source.dump(str(path), format=fmt.oxigraph,
                    from_graph=pyoxigraph.DefaultGraph() if fmt.kind is FormatKind.GRAPH
                    else None, **options)
        if compressed:
            packed = path.with_name(path.name + ".gz")
            with path.open("rb") as raw, gzip.GzipFile(packed, "wb", mtime=0) as out:
                shutil.copyfileobj(raw, out)
            path.unlink()
            path = packed
        _fsync(path)
        written.append(DumpFile(path.name, key, fmt.media_type,
                                GZIP_MEDIA_TYPE if compressed else None,
                                path.stat().st_size, _sha256(path)))
    return written
