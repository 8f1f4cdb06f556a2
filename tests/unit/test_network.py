"""The partnership network: read from the store, drawn as SVG with ElementTree ("pages for
people" issue)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from coopgraph.addressing import path_for_iri
from coopgraph.network import MAX_NODES, draw_network, read_network, svg_document, svg_markup
from coopgraph.project import open_project_store
from coopgraph.settings import Settings
from tests.conftest import REPO

BASE = "https://w3id.org/coopgraph/kubrat/"
SVG = "{http://www.w3.org/2000/svg}"
PREFIXES = """@prefix coop: <https://w3id.org/coopgraph/ontology#> .
@prefix kind: <https://w3id.org/coopgraph/scheme/relationship-kind/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""
MARKUP = 'Evil <script>alert("x")</script> & Co'


def link(iri: str) -> str | None:
    return path_for_iri(iri, BASE)


def store_with(write, extra: str | None = None):
    paths = [REPO / "tests" / "data"]
    if extra is not None:
        paths.append(write("extra/partners.ttl", PREFIXES + extra))
    return open_project_store(Settings(root=REPO), paths)


def parse(network) -> ET.Element:
    return ET.fromstring(svg_document(draw_network(network)))


def node_links(svg: ET.Element) -> dict[str, str]:
    """href -> accessible name of every node link."""
    return {a.get("href"): a.get("aria-label") for a in svg.iter(f"{SVG}a")
            if a.get("class") == "node"}


def texts(svg: ET.Element) -> list[str]:
    return [element.text for element in svg.iter(f"{SVG}text")]


def test_the_hub_is_the_centre_and_each_partner_links_to_its_page(write):
    network = read_network(store_with(write), "en", link)
    svg = parse(network)
    assert network.centre.iri == BASE + "municipality/kubrat"
    assert [node.iri for node in network.partners] == [BASE + "municipality/amal"]
    assert node_links(svg) == {"/municipality/kubrat": "Kubrat (Bulgaria)",
                               "/municipality/amal": "Åmål (Sweden)"}


def test_labels_follow_the_readers_language(write):
    svg = parse(read_network(store_with(write), "bg", link))
    assert "Омол" in texts(svg)
    assert "Швеция" in texts(svg)


def test_a_label_with_markup_is_escaped_not_interpreted(write):
    label = MARKUP.replace('"', '\\"')
    extra = f"""<municipality/evil> a coop:Municipality ; skos:prefLabel "{label}"@en .
<relationship/kubrat-evil> a coop:MunicipalRelationship ;
    coop:party <municipality/kubrat> , <municipality/evil> ; coop:relationshipKind kind:twinning .
"""
    network = read_network(store_with(write, extra), "en", link)
    markup = svg_markup(draw_network(network))
    assert "<script" not in markup
    assert "&lt;script&gt;" in markup
    svg = ET.fromstring(markup)
    assert not list(svg.iter(f"{SVG}script"))
    assert MARKUP in texts(svg)
    assert node_links(svg)["/municipality/evil"] == MARKUP


def test_the_legend_names_each_kind_present_and_no_other(write):
    extra = """<municipality/videle> a coop:Municipality ; skos:prefLabel "Videle"@en .
<relationship/kubrat-videle> a coop:MunicipalRelationship ;
    coop:party <municipality/kubrat> , <municipality/videle> ;
    coop:relationshipKind kind:project-partnership .
"""
    network = read_network(store_with(write, extra), "en", link)
    legend = next(group for group in parse(network).iter(f"{SVG}g")
                  if group.get("class") == "legend")
    names = [text.text for text in legend.iter(f"{SVG}text")]
    assert names == ["Kind of relationship", "Cooperation", "Project partnership"]


def test_a_relationship_with_two_kinds_draws_two_lines(write):
    extra = """<relationship/kubrat-amal> coop:relationshipKind kind:twinning ."""
    network = read_network(store_with(write, extra), "en", link)
    (edge,) = network.edges
    assert len(edge.kinds) == 2
    lines = [group for group in parse(network).iter(f"{SVG}g") if group.get("class") == "edge"]
    assert len(list(lines[0].iter(f"{SVG}line"))) == 2


def test_a_joint_project_relates_municipalities_without_a_relationship(write):
    extra = """<municipality/horlivka> a coop:Municipality ; skos:prefLabel "Horlivka"@en .
<project/influence-and-democracy> coop:participation [
    a coop:Participation ; coop:participant <municipality/horlivka> ] .
"""
    network = read_network(store_with(write, extra), "en", link)
    pairs = {frozenset((edge.a, edge.b)): edge for edge in network.edges}
    joint = pairs[frozenset((BASE + "municipality/kubrat", BASE + "municipality/horlivka"))]
    assert joint.kinds == ("joint-project",)
    assert joint.references[0].href == "/project/influence-and-democracy"
    kubrat_amal = pairs[frozenset((BASE + "municipality/kubrat", BASE + "municipality/amal"))]
    assert "joint-project" not in kubrat_amal.kinds  # their relationship says more


def test_the_caption_says_the_drawing_is_schematic_and_what_is_known(write):
    svg = parse(read_network(store_with(write), "en", link))
    caption = " ".join(texts(svg))
    assert "schematic, not a map" in caption
    assert "Coordinates are known only for Kubrat (43.80° N, 26.50° E)" in caption
    assert "Kubrat" in svg.find(f"{SVG}desc").text


def test_large_networks_are_capped_and_say_how_many_are_left_out(write):
    extra = "".join(f"""<municipality/m{index:03d}> a coop:Municipality ;
    skos:prefLabel "Partner {index}"@en .
<relationship/r{index:03d}> a coop:MunicipalRelationship ; coop:relationshipKind kind:twinning ;
    coop:party <municipality/kubrat> , <municipality/m{index:03d}> .
""" for index in range(70))
    network = read_network(store_with(write, extra), "en", link)
    svg = parse(network)
    assert len(node_links(svg)) == MAX_NODES
    assert network.omitted == 71 + 1 - MAX_NODES  # 70 partners and Åmål, besides Kubrat
    assert f"{network.omitted} more municipalities are not shown" in " ".join(texts(svg))


def test_no_relationships_draws_a_message_not_an_error(tmp_path):
    (tmp_path / "empty.ttl").write_text(PREFIXES, encoding="utf-8")
    store = open_project_store(Settings(root=REPO), [tmp_path / "empty.ttl"])
    network = read_network(store, "en", link)
    assert network.centre is None
    assert "No relationships" in " ".join(texts(parse(network)))


@pytest.mark.parametrize("lang", ["en", "bg"])
def test_the_svg_is_a_standalone_document(write, lang):
    document = svg_document(draw_network(read_network(store_with(write), lang, link)))
    assert document.startswith(b"<?xml")
    svg = ET.fromstring(document)
    assert svg.tag == f"{SVG}svg"
    assert svg.get("viewBox").startswith("0 0 ")
    assert svg.find(f"{SVG}title").get("id") == "network-title"
    assert not [element for element in svg.iter() if element.get("style")]
