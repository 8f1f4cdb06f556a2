"""Fixtures for core tests: a small town dataset with shapes and its validation report."""

import pytest
from rdflib import Graph

from coopgraph.loading import load_sources
from coopgraph.sources import find_source_files
from coopgraph.validation import validate_sources

BASE = "https://example.org/base/"

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


