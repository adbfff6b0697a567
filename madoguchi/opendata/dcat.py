"""DCAT-AP 3 — the catalogue as linked data, for the national catalogue and European-style harvesters.

``/catalog.ttl|.jsonld|.rdf`` is paged (``?page=N``, ``PAGE_SIZE`` datasets a page) and says so
with Hydra (``hydra:PagedCollection``, as ckanext-dcat does); ``/dataset/<name>.ttl|…`` is one
dataset. The graph satisfies the DCAT-AP 3.0.0 SHACL shapes: every value has the class the
ranges ask for (dct:LicenseDocument, dct:Frequency, dct:Location, dct:PeriodOfTime,
dct:MediaTypeOrExtent, foaf:Agent, vcard:Kind, skos:Concept).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from madoguchi.opendata import selectors
from madoguchi.opendata.ckan import resource_url
from madoguchi.opendata.licenses import license_by_id
from madoguchi.opendata.models import Dataset, Resource
from madoguchi.organization.selectors import home_municipality

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
FREQUENCY = Namespace("http://publications.europa.eu/resource/authority/frequency/")
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
IANA = Namespace("https://www.iana.org/assignments/media-types/")
PAGE_SIZE = 100

FORMATS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json"),
    "rdf": ("xml", "application/rdf+xml"),
}
_MEDIA_TYPES = {"CSV": "text/csv", "JSON": "application/json", "XLSX": None, "PDF": "application/pdf"}


def _graph() -> Graph:
    graph = Graph()
    for prefix, namespace in {
        "dcat": DCAT,
        "dct": DCTERMS,
        "foaf": FOAF,
        "vcard": VCARD,
        "hydra": HYDRA,
        "skos": SKOS,
    }.items():
        graph.bind(prefix, namespace)
    return graph


def _absolute(request: HttpRequest, path: str) -> URIRef:
    return URIRef(request.build_absolute_uri(path))


def _publisher(graph: Graph, request: HttpRequest, name: str, path: str) -> URIRef:
    agent = _absolute(request, path)
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, Literal(name, lang="ja")))
    return agent


def _add_distribution(graph: Graph, request: HttpRequest, resource: Resource, dataset: Dataset) -> URIRef:
    node = _absolute(request, reverse("opendata:resource", args=[dataset.name, resource.pk]))
    url = URIRef(resource_url(request, resource))
    graph.add((node, RDF.type, DCAT.Distribution))
    # Without inference the shapes want the classes stated: a URL is an rdfs:Resource.
    graph.add((url, RDF.type, RDFS.Resource))
    graph.add((node, DCAT.accessURL, url))
    if resource.file:
        graph.add((node, DCAT.downloadURL, url))
    graph.add((node, DCTERMS.title, Literal(resource.name, lang="ja")))
    if resource.description:
        graph.add((node, DCTERMS.description, Literal(resource.description, lang="ja")))
    if resource.format:
        file_type = FILE_TYPE[resource.format.upper()]
        graph.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
        graph.add((node, DCTERMS["format"], file_type))
    media_type = _MEDIA_TYPES.get(resource.format.upper())
    if media_type:
        media = IANA[media_type]
        graph.add((media, RDF.type, DCTERMS.MediaType))
        graph.add((node, DCAT.mediaType, media))
    if resource.size is not None:
        graph.add((node, DCAT.byteSize, Literal(resource.size, datatype=XSD.nonNegativeInteger)))
    license_node = URIRef(license_by_id(dataset.license_id).url)
    graph.add((license_node, RDF.type, DCTERMS.LicenseDocument))
    graph.add((node, DCTERMS.license, license_node))
    graph.add(
        (node, DCTERMS.modified, Literal(resource.modified_at.replace(microsecond=0), datatype=XSD.dateTime))
    )
    return node


def add_dataset(graph: Graph, request: HttpRequest, dataset: Dataset) -> URIRef:
    node = _absolute(request, reverse("opendata:dataset", args=[dataset.name]))
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(str(dataset.pk))))
    graph.add((node, DCTERMS.title, Literal(dataset.title, lang="ja")))
    if dataset.title_en:
        graph.add((node, DCTERMS.title, Literal(dataset.title_en, lang="en")))
    graph.add((node, DCTERMS.description, Literal(dataset.notes, lang="ja")))
    if dataset.published_at:
        graph.add(
            (
                node,
                DCTERMS.issued,
                Literal(dataset.published_at.replace(microsecond=0), datatype=XSD.dateTime),
            )
        )
    graph.add(
        (node, DCTERMS.modified, Literal(dataset.modified_at.replace(microsecond=0), datatype=XSD.dateTime))
    )
    page = _absolute(request, reverse("opendata:dataset", args=[dataset.name]) + "#page")
    graph.add((page, RDF.type, FOAF.Document))
    graph.add((node, DCAT.landingPage, page))
    organization = dataset.organization
    graph.add(
        (
            node,
            DCTERMS.publisher,
            _publisher(
                graph,
                request,
                organization.name,
                f"{reverse('opendata:search')}?organization={organization.code}",
            ),
        )
    )
    contact = BNode(f"contact-{dataset.pk.hex}")
    graph.add((contact, RDF.type, VCARD.Kind))
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(organization.name, lang="ja")))
    if dataset.contact_email:
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{dataset.contact_email}")))
    graph.add((node, DCAT.contactPoint, contact))
    frequency = FREQUENCY[dataset.frequency]
    graph.add((frequency, RDF.type, DCTERMS.Frequency))
    graph.add((node, DCTERMS.accrualPeriodicity, frequency))
    if dataset.spatial:
        location = BNode(f"spatial-{dataset.pk.hex}")
        graph.add((location, RDF.type, DCTERMS.Location))
        graph.add((location, SKOS.prefLabel, Literal(dataset.spatial, lang="ja")))
        graph.add((node, DCTERMS.spatial, location))
    if dataset.temporal_start or dataset.temporal_end:
        period = BNode(f"temporal-{dataset.pk.hex}")
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        if dataset.temporal_start:
            graph.add((period, DCAT.startDate, Literal(dataset.temporal_start, datatype=XSD.date)))
        if dataset.temporal_end:
            graph.add((period, DCAT.endDate, Literal(dataset.temporal_end, datatype=XSD.date)))
        graph.add((node, DCTERMS.temporal, period))
    for tag in dataset.tags.all():
        graph.add((node, DCAT.keyword, Literal(tag.name, lang="ja")))
    for group in dataset.groups.all():
        theme = _absolute(request, f"{reverse('opendata:search')}?groups={group.name}")
        graph.add((theme, RDF.type, SKOS.Concept))
        graph.add((theme, SKOS.prefLabel, Literal(group.title, lang="ja")))
        graph.add((node, DCAT.theme, theme))
    for resource in dataset.resources.all():
        graph.add((node, DCAT.distribution, _add_distribution(graph, request, resource, dataset)))
    return node


def _catalog_node(graph: Graph, request: HttpRequest) -> URIRef:
    catalog = _absolute(request, reverse("opendata:search"))
    municipality = home_municipality()
    city = municipality.name if municipality else "Madoguchi"
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal(f"{city} オープンデータカタログ", lang="ja")))
    graph.add(
        (catalog, DCTERMS.description, Literal(f"{city}が公開するオープンデータの一覧です。", lang="ja"))
    )
    homepage = _absolute(request, "/")
    graph.add((homepage, RDF.type, FOAF.Document))
    graph.add((catalog, FOAF.homepage, homepage))
    graph.add((catalog, DCTERMS.publisher, _publisher(graph, request, city, "/")))
    return catalog


def catalog_graph(request: HttpRequest, *, page: int = 1) -> Graph | None:
    """One page of the catalogue; None past the last page."""
    datasets, total = selectors.published_datasets_page(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    last = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
    if page > last:
        return None
    graph = _graph()
    catalog = _catalog_node(graph, request)
    for dataset in datasets:
        graph.add((catalog, DCAT.dataset, add_dataset(graph, request, dataset)))
    if total > PAGE_SIZE:
        base = request.build_absolute_uri(request.path)
        collection = URIRef(f"{base}?page={page}")
        graph.add((collection, RDF.type, HYDRA.PagedCollection))
        graph.add((collection, HYDRA.totalItems, Literal(total, datatype=XSD.integer)))
        graph.add((collection, HYDRA.itemsPerPage, Literal(PAGE_SIZE, datatype=XSD.integer)))
        graph.add((collection, HYDRA.firstPage, Literal(f"{base}?page=1")))
        graph.add((collection, HYDRA.lastPage, Literal(f"{base}?page={last}")))
        if page > 1:
            graph.add((collection, HYDRA.previousPage, Literal(f"{base}?page={page - 1}")))
        if page < last:
            graph.add((collection, HYDRA.nextPage, Literal(f"{base}?page={page + 1}")))
    return graph


def dataset_graph(request: HttpRequest, dataset: Dataset) -> Graph:
    graph = _graph()
    add_dataset(graph, request, dataset)
    return graph
