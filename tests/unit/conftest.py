"""Fixtures for core tests: a small town dataset with shapes and its validation report."""

import hashlib

import pytest
from rdflib import Graph

from coopgraph.formats import FORMATS_BY_KEY
from coopgraph.loading import load_sources
from coopgraph.sources import find_source_files
from coopgraph.validation import validate_sources

BASE = "https://example.org/base/"
BASE_IRI = "https://w3id.org/coopgraph/kubrat/"
DUMPS = (("kubrat.ttl", "turtle", None), ("kubrat.nt.gz", "ntriples", "application/gzip"),
         ("kubrat.jsonld", "jsonld", None), ("kubrat.rdf", "rdfxml", None),
         ("kubrat.trig", "trig", None), ("kubrat.nq", "nquads", None))


def make_manifest(**statistics) -> dict:
    """A release manifest as build.py writes it, with all six dumps."""
    return {
        "version": "20261128T153000Z-1a2b3c4d",
        "created": "2026-11-28T15:30:00+00:00",
        "generator": "coopgraph 0.1.0",
        "name": "kubrat",
        "base_iri": BASE_IRI,
        "sources_digest": hashlib.sha256(b"sources").hexdigest(),
        "statistics": {"triples": 900, "entities": 120, "distinct_subjects": 130,
                       "distinct_objects": 400, "classes": {}, "properties": {},
                       "vocabularies": [], "first_year": "2000", "last_year": "2019",
                       "graphs": {}, **statistics},
        "files": [{"name": name, "format": key, "media_type": FORMATS_BY_KEY[key].media_type,
                   "compression": compression, "size": 10_000 + index,
                   "sha256": hashlib.sha256(name.encode()).hexdigest()}
                  for index, (name, key, compression) in enumerate(DUMPS)],
    }

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://ex.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:TownShape a sh:NodeShape ;
    sh:targetClass ex:Town ;
    sh:property [
        sh:path ex:name ;
        sh:minCount 1 ;
        sh:message "A town needs a name."@en , "Градът трябва да има име."@bg
    ] ;
    sh:property [
        sh:path ex:population ;
        sh:datatype xsd:integer ;
        sh:message "The population must be a whole number."@en
    ] ;
    sh:property [
        sh:path ex:motto ;
        sh:minCount 1 ;
        sh:severity sh:Warning ;
        sh:message "A town should have a motto."@en
    ] .
"""

DATA = """@prefix ex: <http://ex.org/> .

<town/a>
    a ex:Town ;
    ex:name "A" ;
    ex:motto "Onward" .

<town/b>
    a ex:Town ;
    ex:population "many" ;
    ex:motto "Upward" .

<town/c>
    a ex:Town ;
    ex:name "C" .
"""


@pytest.fixture
def report(write):
    """The validation report of DATA against SHAPES: two violations, one warning."""
    data = write("data/towns.ttl", DATA)
    loaded = load_sources(find_source_files([data]), [], BASE)
    return validate_sources(loaded, Graph().parse(data=SHAPES, format="turtle"))


