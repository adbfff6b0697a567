"""DCAT-AP 3: the demo catalogue satisfies the official SHACL shapes, in every serialisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import DCAT, RDF

SHAPES = Path(__file__).resolve().parents[1] / "standards" / "dcat-ap-3.0.0"


def _shapes() -> Graph:
    shapes = Graph()
    for name in ("dcat-ap-SHACL.ttl", "dcat-ap-range.ttl"):
        shapes.parse(SHAPES / name, format="turtle")
    return shapes


@pytest.mark.django_db
def test_the_whole_demo_catalogue_has_no_shacl_violation(city, client):
    response = client.get("/catalog.ttl")
    assert response.status_code == 200
    data = Graph().parse(data=response.content, format="turtle")
    assert len(list(data.subjects(RDF.type, DCAT.Dataset))) == 13
    conforms, _graph, text = validate(data, shacl_graph=_shapes(), inference="none")
    assert conforms, text


@pytest.mark.django_db
def test_the_catalogue_with_the_citys_own_statistics_has_no_shacl_violation(city, client):
    from madoguchi.opendata import statistics

    names = statistics.refresh()
    assert names
    data = Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")
    assert len(list(data.subjects(RDF.type, DCAT.Dataset))) == 13 + len(names)
    conforms, _graph, text = validate(data, shacl_graph=_shapes(), inference="none")
    assert conforms, text


@pytest.mark.django_db
@pytest.mark.parametrize(("suffix", "rdf_format"), [("ttl", "turtle"), ("jsonld", "json-ld"), ("rdf", "xml")])
def test_one_dataset_in_each_serialisation_conforms(city, client, suffix, rdf_format):
    response = client.get(f"/dataset/public-wifi.{suffix}")
    assert response.status_code == 200
    data = Graph().parse(data=response.content, format=rdf_format)
    assert len(list(data.subjects(RDF.type, DCAT.Distribution))) == 1
    conforms, _graph, text = validate(data, shacl_graph=_shapes(), inference="none")
    assert conforms, text


@pytest.mark.django_db
def test_the_catalogue_is_paged_with_hydra(city, client, monkeypatch):
    from madoguchi.opendata import dcat

    monkeypatch.setattr(dcat, "PAGE_SIZE", 5)
    first = Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")
    assert len(list(first.subjects(RDF.type, DCAT.Dataset))) == 5
    hydra = dcat.HYDRA
    assert str(next(first.objects(None, hydra.nextPage))).endswith("?page=2")
    assert int(next(first.objects(None, hydra.totalItems))) == 13
    last = Graph().parse(data=client.get("/catalog.ttl?page=3").content, format="turtle")
    assert len(list(last.subjects(RDF.type, DCAT.Dataset))) == 3
    assert client.get("/catalog.ttl?page=4").status_code == 404
    assert client.get("/catalog.ttl?page=abc").status_code == 400


@pytest.mark.django_db
def test_drafts_are_not_in_the_catalogue(city, client):
    from madoguchi.opendata import selectors, services

    services.return_to_draft(dataset=selectors.dataset_for_staff("aed"), actor=None)
    data = Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")
    assert len(list(data.subjects(RDF.type, DCAT.Dataset))) == 12
    assert client.get("/dataset/aed.ttl").status_code == 404
