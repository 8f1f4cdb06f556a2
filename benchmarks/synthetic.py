"""Seeded generator of a synthetic coopgraph dataset at any scale, for the validation benchmark.

The dataset follows docs/model.md (municipalities, relationships, agreements, decisions,
projects with participations, programmes, fundings, activities, documents) and is split into
one file per synthetic source plus a ``sources.ttl`` that describes every source and graph.
Every name and IRI says "synthetic" so that nobody mistakes it for real data.

Files are built as rdflib graphs one at a time and written with rdflib's serializers, so memory
stays bounded by the largest file.

    python benchmarks/synthetic.py --triples 100000 --out /tmp/synthetic-100k
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from coopgraph.vocab import COOP, COUNTRY, FIELD, GEO, KIND, ROLE, SCHEMA, STATUS
from coopgraph.vocab import DEFAULT_BASE_IRI as BASE
from coopgraph.vocab import LANGUAGE as LANG

DATA = Namespace(BASE)

PREFIXES = {
    "coop": COOP, "schema": SCHEMA, "geo": GEO, "kind": KIND, "status": STATUS,
    "field": FIELD, "role": ROLE, "country": COUNTRY, "lang": LANG, "dct": DCTERMS,
    "prov": PROV, "skos": SKOS, "org": ORG, "foaf": FOAF, "owl": OWL, "rdfs": RDFS, "xsd": XSD,
}

# Countries of the EU authority list, with labels (en, bg) and a rough bounding box for seats.
COUNTRIES = {
    "BGR": ("Bulgaria", "България", (41.3, 44.1), (22.4, 28.5)),
    "SWE": ("Sweden", "Швеция", (55.4, 68.9), (11.2, 23.9)),
    "EST": ("Estonia", "Естония", (57.6, 59.6), (21.8, 28.1)),
    "ROU": ("Romania", "Румъния", (43.7, 48.2), (20.3, 29.6)),
    "LTU": ("Lithuania", "Литва", (54.0, 56.4), (21.0, 26.8)),
    "TUR": ("Turkey", "Турция", (36.0, 42.0), (26.0, 44.0)),
    "UKR": ("Ukraine", "Украйна", (45.4, 52.3), (22.2, 40.1)),
    "GRC": ("Greece", "Гърция", (35.0, 41.7), (19.5, 28.2)),
}
KINDS = ["twinning", "partner-towns", "cooperation", "project-partnership"]
FIELDS = [
    "culture", "amateur-arts", "social-care", "disability-care", "social-inclusion",
    "ethnic-integration", "business", "entrepreneurship", "youth", "employment",
    "youth-employment", "local-democracy", "eu-integration", "civil-society",
    "urban-development", "education", "school-education", "economy", "trade", "science",
    "technology", "sport", "health-care",
]
AGREEMENT_CLASSES = [COOP.CooperationAgreement, COOP.TwinningProtocol]
ACTIVITY_CLASSES = [COOP.Visit, COOP.Meeting, COOP.Training]
DOCUMENT_CLASSES = [COOP.PhotoGallery, COOP.InformationMaterial]
TRIPLES_PER_UNIT = 120  # rough size of one partnership unit plus its share of municipalities
PROGRAMME_FANOUT = 3
DISAGREEMENT_EVERY = 20  # every 20th relationship gets a second start date from another source


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def bg(text: str) -> Literal:
    return Literal(text, lang="bg")


def year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=XSD.gYear)


def day(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def decimal(value: float, places: int) -> Literal:
    return Literal(Decimal(f"{value:.{places}f}"), datatype=XSD.decimal)


def iri(kind: str, number: int) -> URIRef:
    return DATA[f"{kind}/synthetic-{number:06d}"]


def blank(subject: URIRef, tag: str) -> BNode:
    """A blank node with an id derived from its subject, so that the same seed gives the same
    bytes (rdflib orders inlined blank nodes by id)."""
    return BNode(f"{subject.removeprefix(BASE).replace('/', '-')}-{tag}")


@dataclass(frozen=True)
class Plan:
    """How many resources of each kind the dataset holds, derived from the target size."""

    triples: int
    files: int
    municipalities: int
    programmes: int
    funders: int
    seed: int

    @classmethod
    def for_target(cls, triples: int, files: int, seed: int) -> Plan:
        units = max(2, triples // TRIPLES_PER_UNIT)
        return cls(
            triples=triples,
            files=max(2, files),
            municipalities=max(4, units),
            programmes=max(4, min(200, units // 50)),
            funders=max(2, min(50, units // 200)),
            seed=seed,
        )


@dataclass
class Written:
    """What the generator wrote."""

    triples: int = 0
    files: list[Path] = field(default_factory=list)


def new_graph() -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def source_stem(number: int) -> str:
    return f"synthetic-source-{number:02d}"


def add_labels(graph: Graph, subject: URIRef, noun_en: str, noun_bg: str, number: int) -> None:
    graph.add((subject, SKOS.prefLabel, en(f"Synthetic {noun_en} {number}")))
    graph.add((subject, SKOS.prefLabel, bg(f"{noun_bg} {number}")))


def add_reference(graph: Graph, plan: Plan) -> None:
    """Countries, funders, national agencies and the programme hierarchy."""
    for code, (name_en, name_bg, _, _) in COUNTRIES.items():
        country = COUNTRY[code]
        graph.add((country, RDF.type, COOP.Country))
        graph.add((country, SKOS.prefLabel, en(name_en)))
        graph.add((country, SKOS.prefLabel, bg(name_bg)))
    codes = sorted(COUNTRIES)
    for number in range(plan.funders):
        funder = iri("organisation", number)
        graph.add((funder, RDF.type, COOP.FundingBody))
        add_labels(graph, funder, "funding body", "Синтетичен финансиращ орган", number)
        graph.add((funder, COOP.country, COUNTRY[codes[number % len(codes)]]))
    for number in range(plan.programmes):
        programme = iri("programme", number)
        graph.add((programme, RDF.type, COOP.Programme))
        add_labels(graph, programme, "programme", "Синтетична програма", number)
        graph.add((programme, COOP.managingBody, iri("organisation", number % plan.funders)))
        graph.add((programme, SCHEMA.startDate, year(2000 + number % 10)))
        if number >= PROGRAMME_FANOUT:
            parent = (number - PROGRAMME_FANOUT) // PROGRAMME_FANOUT
            graph.add((programme, COOP.partOfProgramme, iri("programme", parent)))
    for number in range(plan.funders, plan.funders + max(1, plan.funders // 2)):
        agency = iri("organisation", number)
        graph.add((agency, RDF.type, COOP.NationalAgency))
        add_labels(graph, agency, "national agency", "Синтетична национална агенция", number)
        graph.add((agency, COOP.country, COUNTRY[codes[number % len(codes)]]))
        graph.add((agency, COOP.actsOnBehalfOf, iri("organisation", number % plan.funders)))
        graph.add((agency, COOP.nationalAgencyFor, iri("programme", number % plan.programmes)))


def add_quantity(graph: Graph, subject: URIRef, predicate: URIRef, value: int,
                 unit_en: str, unit_bg: str) -> None:
    quantity = blank(subject, predicate.removeprefix(COOP))
    graph.add((subject, predicate, quantity))
    graph.add((quantity, RDF.type, SCHEMA.QuantitativeValue))
    graph.add((quantity, SCHEMA.value, Literal(value, datatype=XSD.integer)))
    graph.add((quantity, SCHEMA.unitText, en(unit_en)))
    graph.add((quantity, SCHEMA.unitText, bg(unit_bg)))


def add_municipality(graph: Graph, number: int, rng: random.Random) -> None:
    """A municipality, its seat town (with coordinates), population and area."""
    code = sorted(COUNTRIES)[number % len(COUNTRIES)]
    _, _, (lat_min, lat_max), (long_min, long_max) = COUNTRIES[code]
    municipality, town = iri("municipality", number), iri("place", number)
    graph.add((municipality, RDF.type, COOP.Municipality))
    add_labels(graph, municipality, "municipality", "Синтетична община", number)
    graph.add((municipality, COOP.country, COUNTRY[code]))
    graph.add((municipality, COOP.seat, town))
    graph.add((municipality, COOP.numberOfSettlements,
               Literal(rng.randint(1, 60), datatype=XSD.nonNegativeInteger)))
    add_quantity(graph, municipality, COOP.population, rng.randint(800, 250000),
                 "residents", "жители")
    area = blank(municipality, "area")
    graph.add((municipality, COOP.area, area))
    graph.add((area, RDF.type, SCHEMA.QuantitativeValue))
    graph.add((area, SCHEMA.value, decimal(rng.uniform(20, 1500), 1)))
    graph.add((area, SCHEMA.unitCode, Literal("KMK")))
    graph.add((town, RDF.type, COOP.Town))
    add_labels(graph, town, "town", "Синтетичен град", number)
    graph.add((town, COOP.country, COUNTRY[code]))
    graph.add((town, GEO.lat, decimal(rng.uniform(lat_min, lat_max), 5)))
    graph.add((town, GEO.long, decimal(rng.uniform(long_min, long_max), 5)))


@dataclass(frozen=True)
class Unit:
    """One partnership: the numbers and dates shared by its resources."""

    number: int
    parties: tuple[URIRef, URIRef]
    start: int
    fields: tuple[URIRef, ...]
    source: URIRef


def add_relationship(graph: Graph, unit: Unit, rng: random.Random) -> URIRef:
    relationship = iri("relationship", unit.number)
    graph.add((relationship, RDF.type, COOP.MunicipalRelationship))
    add_labels(graph, relationship, "relationship", "Синтетично партньорство", unit.number)
    for party in unit.parties:
        graph.add((relationship, COOP.party, party))
    graph.add((relationship, COOP.relationshipKind, KIND[rng.choice(KINDS)]))
    for field_iri in unit.fields:
        graph.add((relationship, COOP.field, field_iri))
    graph.add((relationship, SCHEMA.startDate, year(unit.start)))
    status = rng.choice(["active", "active", "dormant", "ended"])
    graph.add((relationship, COOP.status, STATUS[status]))
    if status == "ended":
        graph.add((relationship, SCHEMA.endDate, year(unit.start + rng.randint(8, 12))))
    return relationship


def add_agreement(graph: Graph, unit: Unit, relationship: URIRef, rng: random.Random) -> None:
    agreement, decision = iri("agreement", unit.number), iri("decision", unit.number)
    signed = date(unit.start, rng.randint(3, 12), rng.randint(1, 28))
    graph.add((agreement, RDF.type, rng.choice(AGREEMENT_CLASSES)))
    graph.add((agreement, DCTERMS.title, en(f"Synthetic agreement {unit.number}")))
    graph.add((agreement, DCTERMS.title, bg(f"Синтетично споразумение {unit.number}")))
    for party in unit.parties:
        graph.add((agreement, COOP.party, party))
    graph.add((agreement, COOP.signingDate, day(signed)))
    graph.add((agreement, COOP.establishes, relationship))
    graph.add((agreement, COOP.authorisedBy, decision))
    graph.add((agreement, COOP.field, unit.fields[0]))
    graph.add((decision, RDF.type, COOP.Decision))
    graph.add((decision, DCTERMS.title, en(f"Synthetic council decision {unit.number}")))
    graph.add((decision, COOP.decisionDate, day(signed - timedelta(days=rng.randint(7, 60)))))
    graph.add((decision, COOP.decidedBy, unit.parties[0]))


def add_project(graph: Graph, unit: Unit, plan: Plan, rng: random.Random) -> URIRef:
    project = iri("project", unit.number)
    begin = date(unit.start + rng.randint(0, 3), rng.randint(1, 12), 1)
    graph.add((project, RDF.type, COOP.Project))
    graph.add((project, DCTERMS.title, en(f"Synthetic project {unit.number}")))
    graph.add((project, DCTERMS.title, bg(f"Синтетичен проект {unit.number}")))
    graph.add((project, SCHEMA.startDate, day(begin)))
    graph.add((project, SCHEMA.endDate, day(begin + timedelta(days=rng.randint(180, 900)))))
    graph.add((project, COOP.programme, iri("programme", rng.randrange(plan.programmes))))
    graph.add((project, COOP.partOfRelationship, iri("relationship", unit.number)))
    graph.add((project, COOP.field, rng.choice(unit.fields)))
    for position, party in enumerate(unit.parties):
        participation = blank(project, f"participation-{position}")
        graph.add((project, COOP.participation, participation))
        graph.add((participation, RDF.type, COOP.Participation))
        graph.add((participation, COOP.participant, party))
        graph.add((participation, COOP.role, ROLE["initiator" if position == 0 else "partner"]))
    add_quantity(graph, project, COOP.participantCount, rng.randint(5, 400),
                 "participants", "участници")
    return project


def add_funding(graph: Graph, unit: Unit, project: URIRef, plan: Plan,
                rng: random.Random) -> None:
    funding, grant = iri("funding", unit.number), iri("agreement", 1_000_000 + unit.number)
    funder = iri("organisation", rng.randrange(plan.funders))
    programme = iri("programme", rng.randrange(plan.programmes))
    graph.add((funding, RDF.type, COOP.Funding))
    graph.add((funding, SKOS.prefLabel, en(f"Synthetic funding {unit.number}")))
    graph.add((funding, SCHEMA.funder, funder))
    graph.add((funding, SCHEMA.fundedItem, project))
    graph.add((funding, COOP.programme, programme))
    graph.add((funding, COOP.grantAgreement, grant))
    amount = blank(funding, "amount")
    graph.add((funding, SCHEMA.amount, amount))
    graph.add((amount, RDF.type, SCHEMA.MonetaryAmount))
    graph.add((amount, SCHEMA.minValue, decimal(rng.uniform(5_000, 500_000), 2)))
    graph.add((amount, SCHEMA.currency, Literal("EUR")))
    graph.add((grant, RDF.type, COOP.GrantAgreement))
    graph.add((grant, DCTERMS.title, en(f"Synthetic grant agreement {unit.number}")))
    graph.add((grant, COOP.signingDate, year(unit.start + 1)))
    graph.add((grant, COOP.programme, programme))
    graph.add((grant, COOP.party, funder))
    graph.add((grant, COOP.party, unit.parties[0]))


def add_activities(graph: Graph, unit: Unit, project: URIRef, rng: random.Random) -> None:
    for offset in range(2):
        number = unit.number * 2 + offset
        activity = iri("activity", number)
        host = unit.parties[offset]
        graph.add((activity, RDF.type, rng.choice(ACTIVITY_CLASSES)))
        add_labels(graph, activity, "activity", "Синтетично събитие", number)
        graph.add((activity, SCHEMA.startDate, year(unit.start + 1 + offset)))
        graph.add((activity, SCHEMA.location, DATA[f"place/{host.split('/')[-1]}"]))
        graph.add((activity, COOP.partOfProject, project))
        graph.add((activity, COOP.partOfRelationship, iri("relationship", unit.number)))
        graph.add((activity, COOP.participatingOrganisation, unit.parties[1 - offset]))
        graph.add((activity, COOP.field, unit.fields[-1]))
        add_quantity(graph, activity, COOP.participantCount, rng.randint(2, 80),
                     "participants", "участници")


def add_document(graph: Graph, unit: Unit, rng: random.Random) -> None:
    document = iri("document", unit.number)
    graph.add((document, RDF.type, rng.choice(DOCUMENT_CLASSES)))
    graph.add((document, DCTERMS.title, en(f"Synthetic document {unit.number}")))
    graph.add((document, SCHEMA.url, Literal(
        f"https://example.org/synthetic/document/{unit.number:06d}", datatype=XSD.anyURI)))
    graph.add((document, SCHEMA.about, iri("relationship", unit.number)))


def add_unit(graph: Graph, number: int, source_number: int, plan: Plan,
             rng: random.Random) -> Unit:
    """A relationship between two distinct municipalities and all that hangs on it."""
    first = rng.randrange(plan.municipalities)
    second = (first + 1 + rng.randrange(plan.municipalities - 1)) % plan.municipalities
    unit = Unit(
        number=number,
        parties=(iri("municipality", first), iri("municipality", second)),
        start=rng.randint(1990, 2018),
        fields=tuple(FIELD[name] for name in rng.sample(FIELDS, rng.randint(1, 3))),
        source=DATA[f"source/{source_stem(source_number)}"],
    )
    relationship = add_relationship(graph, unit, rng)
    add_agreement(graph, unit, relationship, rng)
    project = add_project(graph, unit, plan, rng)
    add_funding(graph, unit, project, plan, rng)
    add_activities(graph, unit, project, rng)
    add_document(graph, unit, rng)
    return unit


def add_disagreements(graph: Graph, earlier_units: list[Unit]) -> None:
    """Another source's claim about some relationships of the previous file: an earlier start.

    The model keeps both values side by side (no sh:maxCount on dates), so this stays valid.
    """
    for unit in earlier_units[::DISAGREEMENT_EVERY]:
        graph.add((iri("relationship", unit.number), SCHEMA.startDate, year(unit.start - 1)))


def add_sources(graph: Graph, plan: Plan) -> None:
    """The metadata graph: every source, and which graph was derived from which source."""
    everything = DATA["graph/sources"]
    graph.add((everything, RDF.type, COOP.DataGraph))
    for number in range(plan.files):
        stem = source_stem(number)
        source, data_graph = DATA[f"source/{stem}"], DATA[f"graph/{stem}"]
        graph.add((source, RDF.type, COOP.Source))
        graph.add((source, DCTERMS.title, en(f"Synthetic source {number}")))
        graph.add((source, SCHEMA.url, Literal(
            f"https://example.org/synthetic/source/{number:02d}", datatype=XSD.anyURI)))
        graph.add((source, DCTERMS.language, LANG.ENG))
        graph.add((source, DCTERMS.publisher, iri("municipality", number % plan.municipalities)))
        graph.add((data_graph, RDF.type, COOP.DataGraph))
        graph.add((data_graph, PROV.wasDerivedFrom, source))
        graph.add((everything, PROV.wasDerivedFrom, source))


def write_graph(graph: Graph, path: Path, fmt: str) -> None:
    if fmt == "nt":
        graph.serialize(destination=path, format="nt", encoding="utf-8")
    else:
        graph.serialize(destination=path, format="turtle", encoding="utf-8")


def generate(out_dir: Path, triples: int, seed: int = 1, files: int = 20,
             fmt: str = "ttl") -> Written:
    """Write the dataset into out_dir, file by file; return what was written."""
    plan = Plan.for_target(triples, files, seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = Written()
    sources_graph = new_graph()
    add_sources(sources_graph, plan)
    reference_graph = new_graph()
    add_reference(reference_graph, plan)
    data_files = plan.files - 1
    per_file = max(1, (triples - len(sources_graph) - len(reference_graph)) // data_files)
    unit_number = 0
    previous_units: list[Unit] = []
    for source_number in range(plan.files):
        rng = random.Random(seed * 1_000_003 + source_number)
        if source_number == 0:
            graph = reference_graph
        else:
            graph = new_graph()
            for number in range(source_number - 1, plan.municipalities, data_files):
                add_municipality(graph, number, rng)
            add_disagreements(graph, previous_units)
            previous_units = []
            while len(graph) < per_file:
                previous_units.append(add_unit(graph, unit_number, source_number, plan, rng))
                unit_number += 1
        path = out_dir / f"{source_stem(source_number)}.{fmt}"
        write_graph(graph, path, fmt)
        written.triples += len(graph)
        written.files.append(path)
    path = out_dir / f"sources.{fmt}"
    write_graph(sources_graph, path, fmt)
    written.triples += len(sources_graph)
    written.files.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=10_000, help="target number of triples")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--files", type=int, default=20,
                        help="number of source files besides sources.ttl (default 20)")
    parser.add_argument("--format", choices=["ttl", "nt"], default="ttl",
                        help="Turtle with relative IRIs (default) or N-Triples")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    written = generate(args.out, args.triples, args.seed, args.files, args.format)
    elapsed = time.perf_counter() - started
    print(f"{written.triples} triples in {len(written.files)} files written to {args.out} "
          f"in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
