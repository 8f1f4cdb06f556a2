"""The partnership network: which municipalities are related, and how, drawn as an SVG.

The drawing is a schematic, not a map: one municipality (the one that publishes most sources,
else the one with most partners: Kubrat in the bundled data) sits in the centre and every other
on a circle around it, because the data gives coordinates for few seats. Edges are styled per
relationship kind; municipalities that only took part in the same project are joined by a
thinner line. The SVG is built with
ElementTree, so every label is escaped by the serializer, and it needs no stylesheet.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph
from rdflib.namespace import DCTERMS

from coopgraph.browse import collation_key
from coopgraph.pages import pick_label
from coopgraph.vocab import COOP, GEO, KIND, LABEL_PROPERTIES
from coopgraph.wording import words_for

MAX_NODES = 60
JOINT_PROJECT = "joint-project"  # an edge key for "took part in the same project"
KIND_UNSTATED = "kind-unstated"

Link = Callable[[str], str | None]

_RELATIONSHIPS = f"""PREFIX coop: <{COOP}>
SELECT DISTINCT ?relationship ?a ?b ?kind WHERE {{
  ?relationship a coop:MunicipalRelationship ; coop:party ?a , ?b .
  ?a a coop:Municipality . ?b a coop:Municipality .
  FILTER(isIRI(?a) && isIRI(?b) && STR(?a) < STR(?b))
  OPTIONAL {{ ?relationship coop:relationshipKind ?kind }}
}}"""
_JOINT_PROJECTS = f"""PREFIX coop: <{COOP}>
SELECT DISTINCT ?project ?a ?b WHERE {{
  ?project a coop:Project ; coop:participation/coop:participant ?a , ?b .
  ?a a coop:Municipality . ?b a coop:Municipality .
  FILTER(isIRI(?a) && isIRI(?b) && STR(?a) < STR(?b))
}}"""

_PUBLISHERS = f"""PREFIX coop: <{COOP}>
SELECT ?source ?publisher WHERE {{ ?source a coop:Source ; <{DCTERMS.publisher}> ?publisher }}"""



@dataclass(frozen=True)
class Node:
    """A municipality: its name and country in the reader's language, and its page."""

    iri: str
    label: str
    country: str | None
    href: str | None
    position: tuple[float, float] | None = None  # (lat, long) of its seat, where known


@dataclass(frozen=True)
class Kind:
    key: str  # the kind concept's IRI, or JOINT_PROJECT / KIND_UNSTATED
    label: str


@dataclass(frozen=True)
class Reference:
    """A relationship or joint project that relates two municipalities."""

    iri: str
    label: str
    href: str | None


@dataclass(frozen=True)
class Edge:
    """All that relates two municipalities: the kinds, and the resources that say so."""

    a: str
    b: str
    kinds: tuple[str, ...]
    references: tuple[Reference, ...]

    @property
    def label(self) -> str:
        return "; ".join(reference.label for reference in self.references)


@dataclass(frozen=True)
class Network:
    lang: str
    centre: Node | None
    partners: tuple[Node, ...]
    edges: tuple[Edge, ...]
    kinds: tuple[Kind, ...]  # the kinds of the drawn edges, in legend order
    omitted: int
    limit: int

    def text(self, key: str, **values) -> str:
        return str(words_for(self.lang)["drawing_" + key]).format(**values)

    def nodes(self) -> dict[str, Node]:
        """Every drawn municipality by IRI, the centre first."""
        return {node.iri: node for node in (self.centre, *self.partners) if node is not None}

    def kind_labels(self) -> dict[str, str]:
        return {kind.key: kind.label for kind in self.kinds}


def _label(store: pyoxigraph.Store, iri: str, lang: str) -> str | None:
    node = pyoxigraph.NamedNode(iri)
    labels = [quad.object for predicate in LABEL_PROPERTIES
              for quad in store.quads_for_pattern(node, predicate, None, pyoxigraph.DefaultGraph())
              if isinstance(quad.object, pyoxigraph.Literal)]
    return pick_label(sorted(labels, key=lambda label: (label.language or "", label.value)), lang)


def _local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _objects(store: pyoxigraph.Store, iri: str, predicate: str) -> list:
    found = store.quads_for_pattern(pyoxigraph.NamedNode(iri), pyoxigraph.NamedNode(predicate),
                                    None, pyoxigraph.DefaultGraph())
    return sorted((quad.object for quad in found), key=lambda term: term.value)


def _position(store: pyoxigraph.Store, iri: str) -> tuple[float, float] | None:
    for seat in _objects(store, iri, str(COOP.seat)):
        if not isinstance(seat, pyoxigraph.NamedNode):
            continue
        lat, long = _objects(store, seat.value, str(GEO.lat)), _objects(store, seat.value,
                                                                         str(GEO.long))
        try:
            return float(lat[0].value), float(long[0].value)
        except (IndexError, ValueError):
            continue
    return None


def _node(store: pyoxigraph.Store, iri: str, lang: str, link: Link) -> Node:
    countries = [term for term in _objects(store, iri, str(COOP.country))
                 if isinstance(term, pyoxigraph.NamedNode)]
    country = next((_label(store, term.value, lang) or _local_name(term.value)
                    for term in countries), None)
    return Node(iri, _label(store, iri, lang) or _local_name(iri), country, link(iri),
                _position(store, iri))


def _pairs(store: pyoxigraph.Store) -> dict[tuple[str, str], dict[str, list[str]]]:
    """Each related pair of municipalities -> kind key -> the IRIs that relate them."""
    pairs: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in store.query(_RELATIONSHIPS):
        kind = row["kind"].value if isinstance(row["kind"], pyoxigraph.NamedNode) else None
        pairs[row["a"].value, row["b"].value][kind or KIND_UNSTATED].append(
            row["relationship"].value)
    for row in store.query(_JOINT_PROJECTS):
        pair = (row["a"].value, row["b"].value)
        if pair not in pairs or JOINT_PROJECT in pairs[pair]:
            pairs[pair][JOINT_PROJECT].append(row["project"].value)
    for kinds in pairs.values():  # a relationship with a stated kind needs no "unstated" line
        if len(kinds) > 1 and KIND_UNSTATED in kinds:
            del kinds[KIND_UNSTATED]
    return pairs


def _publishers(store: pyoxigraph.Store) -> Counter:
    """How many sources each organisation publishes: the dataset's own municipality (Kubrat in
    the bundled data) publishes most of them."""
    return Counter(row["publisher"].value for row in store.query(_PUBLISHERS)
                   if isinstance(row["publisher"], pyoxigraph.NamedNode))


def _choose(degrees: Counter, neighbours: dict[str, set[str]], centre: str,
            limit: int) -> list[str]:
    """The centre, its partners with most partners first, then the rest, ``limit`` in all."""
    def rank(iri: str) -> tuple:
        return (iri not in neighbours[centre], -degrees[iri], iri)
    return [centre, *sorted((iri for iri in degrees if iri != centre), key=rank)][:limit]


def _kind_order(key: str) -> tuple:
    return (KIND_ORDER.index(key) if key in KIND_ORDER else len(KIND_ORDER), key)


def read_network(store: pyoxigraph.Store, lang: str, link: Link, limit: int = MAX_NODES,
                 centre_iri: str | None = None) -> Network:
    """The network of related municipalities in ``store``, at most ``limit`` of them, with
    labels in ``lang``; ``link`` maps an IRI to its local page (or None)."""
    pairs = _pairs(store)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    degrees = Counter({iri: len(found) for iri, found in neighbours.items()})
    if not degrees:
        return Network(lang, None, (), (), (), 0, limit)
    publishes = _publishers(store)
    centre = centre_iri if centre_iri in degrees else min(
        degrees, key=lambda iri: (-publishes[iri], -degrees[iri], iri))
    chosen = _choose(degrees, neighbours, centre, limit)
    nodes = {iri: _node(store, iri, lang, link) for iri in chosen}
    edges = []
    for (a, b), kinds in pairs.items():
        if a in nodes and b in nodes:
            references = tuple(Reference(iri, _label(store, iri, lang) or _local_name(iri),
                                         link(iri))
                               for iri in sorted({iri for iris in kinds.values() for iri in iris}))
            a, b = (b, a) if b == centre else (a, b)
            edges.append(Edge(a, b, tuple(sorted(kinds, key=_kind_order)), references))
    # the centre's own partnerships first, each pair by its names
    edges.sort(key=lambda edge: (edge.a != centre, sorted(
        collation_key(nodes[iri].label) for iri in (edge.a, edge.b) if iri != centre), edge.b))
    keys = sorted({key for edge in edges for key in edge.kinds}, key=_kind_order)
    kinds = tuple(Kind(key, words_for(lang).get("drawing_" + key) or _label(store, key, lang)
                       or _local_name(key)) for key in keys)
    # by IRI, so that the drawing looks the same in every language
    partners = sorted((node for iri, node in nodes.items() if iri != centre),
                      key=lambda node: node.iri)
    return Network(lang, nodes[centre], tuple(partners), tuple(edges), kinds,
                   len(degrees) - len(chosen), limit)


# --- drawing ----------------------------------------------------------------------------------

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 960
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
INK, MUTED, ACCENT = "#1d2430", "#4a5568", "#0b5394"
MANY = 16  # above this many partners, labels turn radial and drop the country line
LABEL_CHARS = 40
HALO_ID = "network-halo"

# stroke colour, width, dash pattern (None: solid); colours are the Okabe-Ito palette, and
# dashes tell the kinds apart without colour too.
KIND_STYLES: dict[str, tuple[str, str, str | None]] = {
    str(KIND.twinning): ("#0b5394", "4", None),
    str(KIND["partner-towns"]): ("#009e73", "3", "10 5"),
    str(KIND.cooperation): ("#d55e00", "3", "14 4 3 4"),
    str(KIND["project-partnership"]): ("#cc79a7", "3", "3 5"),
    JOINT_PROJECT: ("#7a8494", "2", "6 6"),
    KIND_UNSTATED: ("#4a5568", "2", "2 3"),
}
KIND_ORDER = tuple(KIND_STYLES)
FALLBACK_COLOURS = ("#56b4e9", "#e69f00", "#000000", "#f0e442")


def _style(key: str, kinds: tuple[Kind, ...]) -> tuple[str, str, str | None]:
    if key in KIND_STYLES:
        return KIND_STYLES[key]
    others = [kind.key for kind in kinds if kind.key not in KIND_STYLES]
    return FALLBACK_COLOURS[others.index(key) % len(FALLBACK_COLOURS)], "3", None


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {name.rstrip("_").replace("_", "-"): str(value)
                                          for name, value in attributes.items()
                                          if value is not None})
    element.text = text
    return element


def _text(parent: ET.Element, x: float, y: float, text: str, size: int = 14,
          weight: str | None = None, fill: str = INK, anchor: str = "start",
          **attributes) -> ET.Element:
    """Text with a white halo (the filter of :func:`_halo_filter`), so that it stays legible
    where it crosses a line."""
    return _sub(parent, "text", text, x=f"{x:.1f}", y=f"{y:.1f}", font_size=size,
                font_weight=weight, fill=fill, text_anchor=anchor, filter=f"url(#{HALO_ID})",
                **attributes)


def _halo_filter(svg: ET.Element) -> None:
    """A white outline behind text: its shape widened by 2 px, filled white, under the text.
    A filter rather than ``paint-order`` (SVG 2), which HTML validators do not accept yet."""
    defs = _sub(svg, "defs")
    halo = _sub(defs, "filter", id=HALO_ID, x="-5%", y="-25%", width="110%", height="150%")
    _sub(halo, "feMorphology", in_="SourceAlpha", operator="dilate", radius="2",
         result="widened")
    _sub(halo, "feFlood", flood_color="#ffffff")
    _sub(halo, "feComposite", in2="widened", operator="in", result="outline")
    merge = _sub(halo, "feMerge")
    _sub(merge, "feMergeNode", in_="outline")
    _sub(merge, "feMergeNode", in_="SourceGraphic")


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _place(network: Network, cx: float, cy: float, radius: float) -> dict[str, tuple]:
    """Centre and circle positions, and the angle (clockwise from the top) of each partner."""
    places = {network.centre.iri: (cx, cy, None)}
    count = len(network.partners)
    for index, node in enumerate(network.partners):
        angle = 2 * math.pi * index / count + math.pi / count
        places[node.iri] = (cx + radius * math.sin(angle), cy - radius * math.cos(angle), angle)
    return places


def _draw_edges(svg: ET.Element, network: Network, places: dict, names: dict) -> None:
    group = _sub(svg, "g", class_="edges", fill="none", stroke_linecap="round")
    for edge in network.edges:
        (x1, y1, _), (x2, y2, _) = places[edge.a], places[edge.b]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        nx, ny = (y1 - y2) / length, (x2 - x1) / length
        kind_names = ", ".join(names[key] for key in edge.kinds)
        item = _sub(group, "g", class_="edge")
        _sub(item, "title", f"{edge.label} ({kind_names})" if edge.label else kind_names)
        for index, key in enumerate(edge.kinds):
            shift = (index - (len(edge.kinds) - 1) / 2) * 6
            colour, width, dash = _style(key, network.kinds)
            _sub(item, "line", x1=f"{x1 + nx * shift:.1f}", y1=f"{y1 + ny * shift:.1f}",
                 x2=f"{x2 + nx * shift:.1f}", y2=f"{y2 + ny * shift:.1f}", stroke=colour,
                 stroke_width=width, stroke_dasharray=dash)


def _node_link(parent: ET.Element, node: Node) -> ET.Element:
    name = f"{node.label} ({node.country})" if node.country else node.label
    if node.href is None:
        group = _sub(parent, "g", class_="node")
    else:
        group = _sub(parent, "a", href=node.href, class_="node", aria_label=name)
    _sub(group, "title", name)
    return group


def _draw_partner(parent: ET.Element, node: Node, place: tuple, radius: float,
                  many: bool) -> None:
    x, y, angle = place
    group = _node_link(parent, node)
    _sub(group, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=7 if many else 11, fill="#ffffff",
         stroke=ACCENT, stroke_width=3)
    sin, cos = math.sin(angle), math.cos(angle)
    lx, ly = x + 18 * sin, y - 18 * cos
    if many:
        degrees = math.degrees(angle) - 90
        flip = sin < 0
        _text(group, lx, ly + 4, _short(node.label), size=11, anchor="end" if flip else "start",
              transform=f"rotate({degrees + 180 if flip else degrees:.1f} {lx:.1f} {ly:.1f})")
        return
    anchor = "start" if sin > 0.3 else "end" if sin < -0.3 else "middle"
    first = ly - 18 if cos > 0.3 else ly + 12 if cos < -0.3 else ly - 2
    _text(group, lx, first, _short(node.label), size=15, weight="600", anchor=anchor)
    if node.country:
        _text(group, lx, first + 17, node.country, size=13, fill=MUTED, anchor=anchor)


def _draw_centre(parent: ET.Element, node: Node, cx: float, cy: float) -> None:
    group = _node_link(parent, node)
    _sub(group, "circle", cx=cx, cy=cy, r=26, fill=ACCENT, stroke="#ffffff", stroke_width=3)
    width = 0.62 * 17 * max(len(_short(node.label)), len(node.country or "")) + 16
    _sub(group, "rect", x=f"{cx - width / 2:.1f}", y=cy + 30, width=f"{width:.1f}",
         height=42 if node.country else 24, rx=6, fill="#ffffff", fill_opacity="0.92")
    _text(group, cx, cy + 46, _short(node.label), size=17, weight="700", anchor="middle")
    if node.country:
        _text(group, cx, cy + 65, node.country, size=13, fill=MUTED, anchor="middle")


def _draw_legend(svg: ET.Element, network: Network, top: float) -> float:
    group = _sub(svg, "g", class_="legend")
    _text(group, 24, top, network.text("legend"), size=15, weight="700")
    y = top + 10
    for index, kind in enumerate(network.kinds):
        column, row = index % 2, index // 2
        x, y = 24 + column * 460, top + 28 + row * 26
        colour, width, dash = _style(kind.key, network.kinds)
        _sub(group, "line", x1=x, y1=y - 5, x2=x + 48, y2=y - 5, stroke=colour,
             stroke_width=width, stroke_dasharray=dash, stroke_linecap="round")
        _text(group, x + 60, y, kind.label, size=14)
    return y + 16


def _coordinates(network: Network, node: Node) -> str:
    lat, long = node.position
    sep = "," if network.lang == "bg" else "."
    return ", ".join(network.text(axis, value=f"{abs(value):.2f}".replace(".", sep))
                     for axis, value in (("lat", lat), ("long", long)))


def caption_lines(network: Network) -> list[str]:
    """What the reader must know about the drawing: schematic, positions, what is left out."""
    if network.centre is None:
        return [network.text("empty")]
    lines = [network.text("schematic", centre=network.centre.label)]
    nodes = [network.centre, *network.partners]
    known = [node for node in nodes if node.position]
    if len(known) < len(nodes) and 0 < len(known) <= 3:
        names = ", ".join(f"{node.label} ({_coordinates(network, node)})" for node in known)
        lines.append(network.text("known_only", names=names))
    elif len(known) < len(nodes):
        lines.append(network.text("known_some", known=len(known), total=len(nodes)))
    if network.omitted:
        lines.append(network.text("omitted", count=network.omitted, limit=network.limit))
    return lines


def _description(network: Network, names: dict) -> str:
    if network.centre is None:
        return network.text("empty")
    kinds_of = {frozenset((edge.a, edge.b)): edge.kinds for edge in network.edges}
    partners = "; ".join(
        f"{node.label}" + (f" ({node.country})" if node.country else "") + (": " + ", ".join(
            names[key] for key in kinds_of[frozenset((network.centre.iri, node.iri))])
            if frozenset((network.centre.iri, node.iri)) in kinds_of else "")
        for node in network.partners)
    return " ".join([network.text("desc", centre=network.centre.label,
                                  count=len(network.partners), partners=partners),
                     *caption_lines(network)])


def draw_network(network: Network) -> ET.Element:
    """The network as an ``<svg>`` element: edges, nodes that link to their pages, a legend
    and a caption; presentation attributes only (no stylesheet, no script)."""
    many = len(network.partners) > MANY
    radius = 250 if many else 215
    longest = max((len(_short(node.label)) for node in network.partners), default=0)
    # room the partner labels need beyond the circle: radial labels reach out by their
    # length, horizontal ones sideways by their length and up or down by two lines
    reach_x = 18 + (6.4 if many else 9.2) * longest
    reach_y = reach_x if many else 50
    width = max(WIDTH, math.ceil(2 * (radius + reach_x) + 48))
    cx, cy = width / 2, 80 + radius + reach_y
    names = network.kind_labels()
    title = (network.text("title", centre=network.centre.label) if network.centre
             else network.text("empty_title"))
    svg = ET.Element("svg", {"xmlns": SVG_NS, "class": "network", "font-family": FONT,
                             "aria-labelledby": "network-title network-desc"})
    _sub(svg, "title", title, id="network-title")
    _sub(svg, "desc", _description(network, names), id="network-desc")
    _halo_filter(svg)
    _sub(svg, "rect", width="100%", height="100%", fill="#ffffff")
    _text(svg, 24, 40, title, size=22, weight="700")
    bottom = 80.0
    if network.centre is not None:
        places = _place(network, cx, cy, radius)
        _draw_edges(svg, network, places, names)
        nodes = _sub(svg, "g", class_="nodes")
        for node in network.partners:
            _draw_partner(nodes, node, places[node.iri], radius, many)
        _draw_centre(nodes, network.centre, cx, cy)
        bottom = _draw_legend(svg, network, cy + radius + reach_y + 45)
    for index, line in enumerate(caption_lines(network)):
        _text(svg, 24, bottom + 20 + index * 20, line, size=13, fill=MUTED)
    height = math.ceil(bottom + 20 * len(caption_lines(network)) + 24)
    svg.set("viewBox", f"0 0 {width} {height}")
    svg.set("width", str(width))
    svg.set("height", str(height))
    return svg


def svg_markup(svg: ET.Element) -> str:
    """The ``<svg>`` element as text, for embedding in an HTML page."""
    return ET.tostring(svg, encoding="unicode")


def svg_document(svg: ET.Element) -> bytes:
    """A standalone SVG file (UTF-8, with an XML declaration)."""
    return ET.tostring(svg, encoding="utf-8", xml_declaration=True)
