"""CKAN Action API: envelope, error types and status codes; junk never gets a 500."""

from __future__ import annotations

import json

import pytest

from madoguchi.opendata.ckan import ACTIONS
from madoguchi.opendata.models import Resource

JUNK_VALUES = [
    "",
    "*",
    "'",
    '"',
    "(",
    "-1",
    "99999999999999999999",
    "1e9",
    "true",
    "null",
    "{",
    "[1,2",
    '{"a": [1]}',
    "a:b:c",
    "tags:",
    ":",
    "名称 desc",
    "_id sideways",
    "x" * 3000,
    "\x00",
    "%",
    "DROP TABLE opendata_dataset; --",
]
PARAMETERS = [
    "id",
    "q",
    "fq",
    "rows",
    "start",
    "sort",
    "facet.field",
    "facet.limit",
    "facet.mincount",
    "limit",
    "offset",
    "all_fields",
    "include_datasets",
    "resource_id",
    "filters",
    "fields",
    "records_format",
    "include_total",
    "query",
]


POST_JUNK = [
    lambda name: {name: ["x", {"y": 1}]},
    lambda name: {name: {"nested": [None]}},
    lambda name: {name: 10**30},
]


def _envelope(response) -> dict:
    body = json.loads(response.content)
    assert set(body) >= {"help", "success"}
    return body


@pytest.mark.django_db
def test_junk_at_every_action_gets_a_ckan_error_never_a_500(city, client):
    resource_id = str(Resource.objects.get(dataset__name="aed").pk)
    for action in ACTIONS:
        for position, parameter in enumerate(PARAMETERS):
            # Every junk value reaches every parameter across the actions, three at a time (fast).
            start = (position * 3 + len(action)) % len(JUNK_VALUES)
            for value in (JUNK_VALUES * 2)[start : start + 3]:
                params = {parameter: value}
                if action == "datastore_search" and parameter != "resource_id":
                    params["resource_id"] = resource_id
                response = client.get(f"/api/3/action/{action}", params)
                assert response.status_code in {200, 400, 403, 404, 409}, (action, parameter, value)
                body = _envelope(response)
                assert body["success"] is (response.status_code == 200)
            body = [{parameter: ["x", {"y": 1}]}, {parameter: {"nested": [None]}}, {parameter: 10**30}][
                position % 3
            ]
            if body:
                response = client.post(
                    f"/api/action/{action}", json.dumps(body), content_type="application/json"
                )
                assert response.status_code in {200, 400, 403, 404, 409}, (action, body)
                _envelope(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "status", "error_type"),
    [
        ({"fq": "colour:red"}, 400, "Search Query Error"),
        ({"fq": 'tags:"unbalanced'}, 400, "Search Query Error"),
        ({"q": "a OR b"}, 400, "Search Query Error"),
        ({"rows": "1001"}, 409, "Validation Error"),
        ({"rows": "ten"}, 409, "Validation Error"),
        ({"sort": "popularity desc"}, 409, "Validation Error"),
        ({"facet.field": '["organization"'}, 409, "Validation Error"),
    ],
)
def test_bad_search_parameters_get_ckans_error_and_status(city, client, params, status, error_type):
    response = client.get("/api/3/action/package_search", params)
    assert response.status_code == status
    assert response.json()["error"]["__type"] == error_type


@pytest.mark.django_db
def test_errors_of_show_actions(city, client):
    missing = client.get("/api/3/action/package_show", {"id": "nothing"})
    assert missing.status_code == 404
    assert missing.json()["error"]["__type"] == "Not Found Error"
    no_id = client.get("/api/3/action/package_show")
    assert no_id.status_code == 409
    assert no_id.json()["error"] == {"__type": "Validation Error", "id": ["Missing value"]}
    from madoguchi.opendata import selectors, services

    services.return_to_draft(dataset=selectors.dataset_for_staff("aed"), actor=None)
    hidden = client.get("/api/3/action/package_show", {"id": "aed"})
    assert hidden.status_code == 403
    assert hidden.json()["error"]["__type"] == "Authorization Error"
    unknown = client.post("/api/3/action/datastore_search_sql", "{}", content_type="application/json")
    assert unknown.status_code == 400
    assert "Action name not known" in unknown.json()["error"]["message"]
    not_json = client.post("/api/3/action/package_list", "[1]", content_type="application/json")
    assert not_json.status_code == 400


@pytest.mark.django_db
def test_post_without_csrf_token_is_accepted_as_in_ckan(city):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/api/3/action/package_search", json.dumps({"rows": 1}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["result"]["count"] == 13


@pytest.mark.django_db
def test_package_search_facets_filters_and_paging(city, client):
    body = {
        "fq": "groups:bosai -tags:AED",
        "facet.field": json.dumps(["organization", "tags"]),
        "facet.limit": 1,
        "sort": "name asc",
        "rows": 1,
        "start": 1,
    }
    result = client.get("/api/3/action/package_search", body).json()["result"]
    assert result["count"] == 2
    assert [dataset["name"] for dataset in result["results"]] == ["fire-water-sources"]
    assert result["facets"]["organization"] == {"shimin-bosai": 2}
    assert len(result["search_facets"]["tags"]["items"]) == 1


@pytest.mark.django_db
def test_datastore_search_filters_sorts_and_formats(city, client):
    resource_id = str(Resource.objects.get(dataset__name="population-by-area-age").pk)
    body = {
        "resource_id": resource_id,
        "filters": {"年齢階級": "75歳以上"},
        "sort": "総数 desc",
        "fields": ["地域名", "総数"],
        "records_format": "lists",
    }
    result = client.post("/api/3/action/datastore_search", json.dumps(body), content_type="application/json")
    result = result.json()["result"]
    assert result["total"] == 6
    assert [field["id"] for field in result["fields"]] == ["地域名", "総数"]
    assert len(result["records"]) == 6
    bad_sort = client.post(
        "/api/3/action/datastore_search",
        json.dumps({"resource_id": resource_id, "sort": "色 asc"}),
        content_type="application/json",
    )
    assert bad_sort.status_code == 409
    csv_result = client.get(
        "/api/3/action/datastore_search", {"resource_id": resource_id, "records_format": "csv", "limit": 2}
    ).json()["result"]
    assert csv_result["records"].count("\r\n") == 2


@pytest.mark.django_db
def test_lists_of_organizations_groups_tags_and_status(city, client):
    organizations = client.get("/api/3/action/organization_list", {"all_fields": "true"}).json()["result"]
    assert {"name": "shimin-bosai", "package_count": 3}.items() <= next(
        item for item in organizations if item["name"] == "shimin-bosai"
    ).items()
    organization = client.get(
        "/api/3/action/organization_show", {"id": "shimin-bosai", "include_datasets": "true"}
    ).json()["result"]
    assert len(organization["packages"]) == 3
    group = client.get("/api/3/action/group_show", {"id": "kanko", "include_datasets": "true"}).json()[
        "result"
    ]
    assert group["package_count"] == len(group["packages"]) == 4
    assert "防災" in client.get("/api/3/action/tag_list").json()["result"]
    status = client.get("/api/action/status_show").json()["result"]
    assert status["ckan_version"].startswith("2.")


# Committed (transaction=True): an index built while the catalogue's change is uncommitted is
# never kept, since a rollback would leave it standing for the version it was built at.
@pytest.mark.django_db(transaction=True)
def test_a_repeated_search_reads_nothing_from_the_database(city, client, django_assert_num_queries):
    body = {"q": "避難", "fq": "res_format:csv", "facet.field": json.dumps(["organization", "tags"])}
    first = client.get("/api/3/action/package_search", body).json()["result"]
    with django_assert_num_queries(0):
        again = client.get("/api/3/action/package_search", body).json()["result"]
    assert again == first
    assert first["count"] >= 1


@pytest.mark.django_db
def test_search_shows_a_change_to_the_catalogue_at_once(city, client):
    from madoguchi.opendata import selectors, services

    body = {"fq": "name:aed", "facet.field": json.dumps(["tags"])}
    before = client.get("/api/3/action/package_search", body).json()["result"]
    dataset = selectors.dataset_for_staff("aed")
    services.save_dataset(
        actor=None,
        dataset=dataset,
        name="aed",
        title="AED設置箇所一覧（改訂）",
        notes=dataset.notes,
        organization=dataset.organization,
        standard_code=dataset.standard_code,
        tags=["改訂"],
    )
    after = client.get("/api/3/action/package_search", body).json()["result"]
    assert before["results"][0]["title"] != after["results"][0]["title"] == "AED設置箇所一覧（改訂）"
    assert after["facets"]["tags"] == {"改訂": 1}
    services.return_to_draft(dataset=dataset, actor=None)
    assert client.get("/api/3/action/package_search", body).json()["result"]["count"] == 0


@pytest.mark.django_db
def test_field_terms_combine_as_and_with_negation_and_words(city, client):
    def names(**body: str) -> list[str]:
        result = client.get("/api/3/action/package_search", {"rows": 100, "sort": "name asc", **body})
        return [dataset["name"] for dataset in result.json()["result"]["results"]]

    bosai = names(fq="groups:bosai")
    assert len(bosai) == 3
    assert names(fq="groups:bosai -tags:AED") == [name for name in bosai if name != "aed"]
    assert names(fq="groups:bosai tags:AED") == ["aed"]
    assert names(fq="-groups:bosai") == sorted(set(names()) - set(bosai))
    assert names(q="aed", fq="groups:bosai") == ["aed"]
    assert names(fq="res_format:csv") == names(fq="res_format:CSV") == names()


@pytest.mark.django_db
def test_datastore_totals_are_exact_with_and_without_filters(city, client):
    resource = Resource.objects.get(dataset__name="population-by-area-age")

    def total(**body) -> int:
        response = client.post(
            "/api/3/action/datastore_search",
            json.dumps({"resource_id": str(resource.pk), "limit": 1, **body}),
            content_type="application/json",
        )
        return response.json()["result"].get("total")

    assert total() == resource.import_rows_done > 6
    assert total(filters={"年齢階級": "75歳以上"}) == 6
    assert total(include_total=False) is None
