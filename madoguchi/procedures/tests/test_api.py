"""The public JSON API v1 of the catalogue and its OpenAPI description."""

import json

import pytest

from madoguchi.procedures.tests.factories import ProcedureFactory

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


@pytest.fixture
def procedures():
    return [
        ProcedureFactory(
            code="juminhyo-utsushi",
            title="住民票の写しの交付請求",
            category="certificates",
            channel="online_and_counter",
            counter_place="市民窓口課",
            form_code="juminhyo-utsushi",
            fee_rule={"type": "per_unit", "unit_price": 300, "unit_field": "copies", "unit_label": "通"},
            processing_days=2,
            department__code="shimin-madoguchi",
            department__name="市民窓口課",
        ),
        ProcedureFactory(
            code="sodai-gomi", title="粗大ごみ収集の申込み", category="living", channel="online"
        ),
        ProcedureFactory(code="secret", is_published=False),
    ]


def test_the_list_is_public_and_paginated(client, procedures):
    response = client.get("/api/v1/procedures")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert [item["code"] for item in data["results"]] == ["juminhyo-utsushi", "sodai-gomi"]


def test_the_list_filters_by_q_and_category(client, procedures):
    assert [p["code"] for p in client.get("/api/v1/procedures", {"q": "粗大ごみ"}).json()["results"]] == [
        "sodai-gomi"
    ]
    assert [
        p["code"] for p in client.get("/api/v1/procedures", {"category": "certificates"}).json()["results"]
    ] == ["juminhyo-utsushi"]


def test_an_unknown_category_is_a_400_that_names_the_parameter(client, procedures):
    response = client.get("/api/v1/procedures", {"category": "weather"})
    assert response.status_code == 400
    assert "category" in response.json()


def test_the_detail_has_every_documented_field(client, procedures):
    data = client.get("/api/v1/procedures/juminhyo-utsushi").json()
    assert data["department"] == {
        "code": "shimin-madoguchi",
        "name": "市民窓口課",
        "name_en": "",
        "phone": "0297-64-1111 内線311",
    }
    assert data["fee_rule"]["unit_price"] == 300
    assert data["processing_days"] == 2
    assert data["online_form"] is True
    assert data["counter"]["place"] == "市民窓口課"
    assert data["url"] == "http://testserver/procedures/juminhyo-utsushi/"


def test_an_online_only_procedure_has_no_counter_and_no_form_without_a_form_code(client, procedures):
    data = client.get("/api/v1/procedures/sodai-gomi").json()
    assert data["counter"] is None
    assert data["online_form"] is False


def test_unknown_and_unpublished_codes_are_json_404s(client, procedures):
    for code in ("nothing", "secret"):
        response = client.get(f"/api/v1/procedures/{code}")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert "detail" in response.json()


def test_the_schema_documents_both_paths_and_the_fields_returned(client, procedures):
    schema = json.loads(client.get("/api/schema/", {"format": "json"}).content)
    assert "/api/v1/procedures" in schema["paths"]
    assert "/api/v1/procedures/{code}" in schema["paths"]
    documented = set(schema["components"]["schemas"]["Procedure"]["properties"])
    returned = set(client.get("/api/v1/procedures/juminhyo-utsushi").json())
    assert documented == returned
