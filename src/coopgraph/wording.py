"""The words of the pages themselves, in every language the pages speak: one table, so that a
translator finds every heading, label and button here. Words of the data (labels, comments)
come from the data; this table holds only what the templates and view models say around them.

Templates get the table of the reader's language as ``words`` and read ``words.facts``;
parameterised entries are ``str.format`` patterns (``words.count.format(total=3)``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from coopgraph.vocab import LICENCE

LANGUAGES = ("en", "bg")
# Each language by its own name, for the language switch.
LANGUAGE_NAMES = {"en": "English", "bg": "Български"}
# Licences by IRI (the licence setting, an EU authority IRI): a name and a page to read.
LICENCES = {
    str(LICENCE.CC_BY_4_0): ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    str(LICENCE.CC0): ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    str(LICENCE.CC_BYSA_4_0): ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
}
LICENCES.update({href: (name, href) for name, href in list(LICENCES.values())})

_EN = {
    # every page: navigation, footer
    "site_navigation": "Main", "skip_to_content": "Skip to the content",
    "nav_sparql": "SPARQL", "nav_network": "Network", "nav_classes": "Classes",
    "nav_downloads": "Downloads", "nav_catalog": "Catalog", "nav_ontology": "Ontology",
    "footer": "Linked open data on the international cooperation of municipalities, "
              "published with coopgraph.",
    "footer_licence": "Data licence: {licence}.",
    "language": "Language",
    "in_language": {"en": "in English", "bg": "in Bulgarian"},
    # resource pages
    "property": "Property", "value": "Value", "source": "Source", "from": "From",
    "facts": "Facts", "referred_to_by": "Referred to by", "sources": "Sources",
    "referred_to_by_intro": "Resources that name this one, by how they name it.",
    "as_property": "as “{label}”",
    "this_description_as": "This description as",
    "truncated": "This description is long; it was cut. Use the SPARQL endpoint for the rest.",
    "no_details": "(no details)",
    # the home page
    "home_title": "International cooperation of Kubrat Municipality",
    "home_intro": "Partner towns, twinning and cooperation agreements, joint projects, "
                  "programmes and funders of Kubrat Municipality (Община Кубрат), Bulgaria, as "
                  "linked open data built from public sources. Every statement names the "
                  "source that makes it.",
    "size_heading": "Size",
    "size": "{triples} statements (triples) about {entities} resources with an address (IRI), "
            "in {graphs} named graphs, one per data file.",
    "size_vocabulary": "The ontology and concept schemes add {triples} statements.",
    "size_counted": "Counted in the published release {version}, built on {date}.",
    "explore_heading": "Explore",
    "start_kubrat": "Kubrat Municipality",
    "start_network": "Partnership network",
    "start_network_about": "who cooperates with whom, and how",
    "start_classes": "Browse by class",
    "start_classes_about": "municipalities, relationships, projects, programmes …",
    "start_sparql": "SPARQL query workbench",
    "start_sparql_about": "ask your own questions, or start from the canned ones",
    "start_downloads": "Downloads",
    "start_downloads_about": "the whole dataset as Turtle, N-Triples, JSON-LD, RDF/XML, "
                             "TriG and N-Quads",
    "start_catalog": "DCAT-AP catalog", "start_void": "VoID description",
    "start_ontology": "Ontology", "start_ontology_about": "every class, property and concept",
    "sources_heading": "Sources",
    "sources_intro": "The public sources the data was built from; each has a page of its "
                     "own listing what it states.",
    "publisher": "Publisher", "title": "Title", "address": "Address",
    "no_address": "no web address recorded",
    "licence_heading": "Licence",
    "licence_text": "The data may be reused under {licence}; please name the sources.",
    # error pages
    "back_home": "Back to the start page",
    # class index and network
    "network": "Partnership network", "relationships": "Relationships",
    "municipalities": "Municipalities", "kind": "Kind", "stated_by": "Relationship or project",
    "svg": "The drawing as an SVG image", "classes": "Browse by class",
    "class": "Class", "instances": "Resources", "about": "About",
    "classes_intro": "The kinds of things this dataset describes, with how many of each.",
    "count": "{total} resources, sorted by name.", "page": "Page {number} of {pages}",
    "previous": "Previous page", "next": "Next page", "pages": "Pages",
    "none": "There are no resources of this class.", "all_classes": "All classes",
    # the ontology
    "ontology_contents": "Contents",
    "ontology_overview": "Overview",
    "ontology_iri": "IRI", "ontology_version": "Version", "ontology_modified": "Modified",
    "ontology_licence": "Licence", "ontology_prefix": "Prefix",
    "ontology_as": "The ontology as",
    "ontology_classes": "Classes", "ontology_object_properties": "Object properties",
    "ontology_datatype_properties": "Datatype properties",
    "ontology_schemes": "Concept schemes",
    "ontology_index": "All terms",
    "term_label_in": "Label {language}",
    "term_subclass_of": "Subclass of", "term_superclass_of": "Superclass of",
    "term_subproperty_of": "Subproperty of", "term_superproperty_of": "Superproperty of",
    "term_equivalent": "Equivalent to", "term_inverse": "Inverse of",
    "term_disjoint": "Disjoint with",
    "term_domain": "Domain", "term_range": "Range",
    "term_in_domain_of": "Properties of this class", "term_in_range_of": "Values of",
    "term_characteristics": "Characteristics", "transitive": "transitive",
    "symmetric": "symmetric", "functional": "functional",
    "term_instances": "In the data",
    "term_instances_count": "{count} resources", "term_instances_one": "1 resource",
    "term_none": "none with an address of its own", "or": "or",
    "term_no_definition": "No definition is given.",
    "scheme_concepts": "Concepts", "concept": "Concept", "definition": "Definition",
    "broader": "Broader", "concept_page": "page of the concept",
    "scheme_page": "The scheme's own page",
    # quantities: how a bound reads
    "bound_minValue": "at least", "bound_maxValue": "at most", "bound_about": "about",
    # the network drawing (network.py); "joint-project" and "kind-unstated" are edge kinds
    "drawing_title": "Partners of {centre}", "drawing_empty_title": "Partnership network",
    "drawing_legend": "Kind of relationship",
    "drawing_schematic": "A schematic, not a map: partners are spaced evenly on a circle "
                         "around {centre}.",
    "drawing_known_only": "Coordinates are known only for {names}.",
    "drawing_known_some": "Coordinates are known for {known} of {total} municipalities.",
    "drawing_omitted": "{count} more municipalities are not shown (the drawing is limited to "
                       "{limit}).",
    "drawing_desc": "{centre} in the centre, linked with {count} municipalities: {partners}.",
    "drawing_empty": "No relationships between municipalities are recorded.",
    "drawing_joint-project": "Joint project, no relationship stated",
    "drawing_kind-unstated": "Kind not stated",
    "drawing_lat": "{value}° N", "drawing_long": "{value}° E",
    # the query workbench
    "wb_title": "SPARQL query", "wb_start_from": "Start from a question",
    "wb_choose": "Choose a question…", "wb_open_and_run": "Open and run",
    "wb_query": "Query", "wb_run": "Run", "wb_results": "Results",
    "wb_results_table": "Results table, scrolls sideways",
    "wb_not_allowed": "Not allowed", "wb_too_long": "The query took too long",
    "wb_not_run": "The query was not run", "wb_line": "line {line}, column {column}",
    "wb_yes": "Yes", "wb_no": "No", "wb_one_row": "1 row", "wb_rows": "{total} rows",
    "wb_canned_queries": "Canned queries", "wb_write_own": "Write your own query",
    "wb_no_canned": "There are no canned queries.",
}

_BG = {
    "site_navigation": "Основна", "skip_to_content": "Към съдържанието",
    "nav_sparql": "SPARQL", "nav_network": "Мрежа", "nav_classes": "Класове",
    "nav_downloads": "Изтегляне", "nav_catalog": "Каталог", "nav_ontology": "Онтология",
    "footer": "Свързани отворени данни за международното сътрудничество на общините, "
              "публикувани с coopgraph.",
    "footer_licence": "Лиценз на данните: {licence}.",
    "language": "Език",
    "in_language": {"en": "на английски", "bg": "на български"},
    "property": "Свойство", "value": "Стойност", "source": "Източник", "from": "От",
    "facts": "Факти", "referred_to_by": "Посочен в", "sources": "Източници",
    "referred_to_by_intro": "Ресурси, които посочват този, подредени според начина, по "
                            "който го посочват.",
    "as_property": "като „{label}“",
    "this_description_as": "Това описание като",
    "truncated": "Описанието е дълго и е съкратено. Останалото е достъпно чрез SPARQL.",
    "no_details": "(няма подробности)",
    "home_title": "Международното сътрудничество на Община Кубрат",
    "home_intro": "Градове партньори, договори за побратимяване и сътрудничество, съвместни "
                  "проекти, програми и финансиращи организации на Община Кубрат, България, "
                  "като свързани отворени данни от публични източници. За всяко твърдение е "
                  "посочен източникът, в който е направено.",
    "size_heading": "Обем",
    "size": "{triples} твърдения (тройки) за {entities} ресурса с адрес (IRI) в {graphs} "
            "именувани графа, по един за всеки файл с данни.",
    "size_vocabulary": "Онтологията и класификациите добавят още {triples} твърдения.",
    "size_counted": "Преброени в публикуваното издание {version} от {date}.",
    "explore_heading": "Разглеждане",
    "start_kubrat": "Община Кубрат",
    "start_network": "Мрежа от партньорства",
    "start_network_about": "кой с кого си сътрудничи и как",
    "start_classes": "Разглеждане по клас",
    "start_classes_about": "общини, отношения, проекти, програми …",
    "start_sparql": "SPARQL заявки",
    "start_sparql_about": "задайте свои въпроси или започнете от готовите",
    "start_downloads": "Изтегляне",
    "start_downloads_about": "целият набор от данни като Turtle, N-Triples, JSON-LD, "
                             "RDF/XML, TriG и N-Quads",
    "start_catalog": "Каталог DCAT-AP", "start_void": "Описание VoID",
    "start_ontology": "Онтология", "start_ontology_about": "всички класове, свойства и понятия",
    "sources_heading": "Източници",
    "sources_intro": "Публичните източници, от които са събрани данните; всеки има своя "
                     "страница с това, което посочва.",
    "publisher": "Издател", "title": "Заглавие", "address": "Адрес",
    "no_address": "няма записан уеб адрес",
    "licence_heading": "Лиценз",
    "licence_text": "Данните може да се използват повторно при условията на {licence}; "
                    "моля, посочвайте източниците.",
    "back_home": "Към началната страница",
    "network": "Мрежа от партньорства", "relationships": "Отношения",
    "municipalities": "Общини", "kind": "Вид", "stated_by": "Отношение или проект",
    "svg": "Схемата като изображение SVG", "classes": "Разглеждане по клас",
    "class": "Клас", "instances": "Ресурси", "about": "Описание",
    "classes_intro": "Видовете неща, които този набор от данни описва, и броят им.",
    "count": "{total} ресурса, подредени по име.", "page": "Страница {number} от {pages}",
    "previous": "Предишна страница", "next": "Следваща страница", "pages": "Страници",
    "none": "Няма ресурси от този клас.", "all_classes": "Всички класове",
    "ontology_contents": "Съдържание",
    "ontology_overview": "Общ преглед",
    "ontology_iri": "IRI", "ontology_version": "Версия", "ontology_modified": "Променена",
    "ontology_licence": "Лиценз", "ontology_prefix": "Представка",
    "ontology_as": "Онтологията като",
    "ontology_classes": "Класове", "ontology_object_properties": "Обектни свойства",
    "ontology_datatype_properties": "Свойства със стойности от тип данни",
    "ontology_schemes": "Класификации (SKOS)",
    "ontology_index": "Всички термини",
    "term_label_in": "Етикет {language}",
    "term_subclass_of": "Подклас на", "term_superclass_of": "Надклас на",
    "term_subproperty_of": "Подсвойство на", "term_superproperty_of": "Надсвойство на",
    "term_equivalent": "Еквивалентен на", "term_inverse": "Обратно на",
    "term_disjoint": "Несъвместим с",
    "term_domain": "Област (domain)", "term_range": "Обхват (range)",
    "term_in_domain_of": "Свойства на този клас", "term_in_range_of": "Стойност на",
    "term_characteristics": "Характеристики", "transitive": "транзитивно",
    "symmetric": "симетрично", "functional": "функционално",
    "term_instances": "В данните",
    "term_instances_count": "{count} ресурса", "term_instances_one": "1 ресурс",
    "term_none": "няма със собствен адрес", "or": "или",
    "term_no_definition": "Няма определение.",
    "scheme_concepts": "Понятия", "concept": "Понятие", "definition": "Определение",
    "broader": "По-общо понятие", "concept_page": "страница на понятието",
    "scheme_page": "Собствената страница на класификацията",
    "bound_minValue": "най-малко", "bound_maxValue": "най-много", "bound_about": "около",
    "drawing_title": "Партньори на {centre}", "drawing_empty_title": "Мрежа от партньорства",
    "drawing_legend": "Вид на отношенията",
    "drawing_schematic": "Схема, а не карта: партньорите са разположени равномерно в кръг "
                         "около {centre}.",
    "drawing_known_only": "Координати са известни само за {names}.",
    "drawing_known_some": "Координати са известни за {known} от {total} общини.",
    "drawing_omitted": "Още {count} общини не са показани (схемата показва най-много "
                       "{limit}).",
    "drawing_desc": "{centre} в центъра, свързана с {count} общини: {partners}.",
    "drawing_empty": "Няма данни за отношения между общини.",
    "drawing_joint-project": "Съвместен проект, без обявено партньорство",
    "drawing_kind-unstated": "Видът не е посочен",
    "drawing_lat": "{value}° с. ш.", "drawing_long": "{value}° и. д.",
    "wb_title": "SPARQL заявка", "wb_start_from": "Започнете от въпрос",
    "wb_choose": "Изберете въпрос…", "wb_open_and_run": "Отвори и изпълни",
    "wb_query": "Заявка", "wb_run": "Изпълни", "wb_results": "Резултати",
    "wb_results_table": "Таблица с резултатите, превърта се встрани",
    "wb_not_allowed": "Не е разрешено", "wb_too_long": "Заявката продължи твърде дълго",
    "wb_not_run": "Заявката не беше изпълнена", "wb_line": "ред {line}, колона {column}",
    "wb_yes": "Да", "wb_no": "Не", "wb_one_row": "1 ред", "wb_rows": "{total} реда",
    "wb_canned_queries": "Готови заявки", "wb_write_own": "Напишете своя заявка",
    "wb_no_canned": "Няма готови заявки.",
}

WORDS: Mapping[str, Mapping[str, object]] = MappingProxyType(
    {"en": MappingProxyType(_EN), "bg": MappingProxyType(_BG)})


def licence_name(iri: str) -> tuple[str, str]:
    """A licence's short name and the page that explains it; an unknown licence is named by
    its IRI."""
    return LICENCES.get(iri, (iri, iri))


def words_for(lang: str | None) -> Mapping[str, object]:
    """The words of ``lang``; English for a language the pages do not speak."""
    return WORDS.get(lang or "en", WORDS["en"])
