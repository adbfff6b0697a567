"""Public pages (search with facets, dataset, preview, downloads, map) and the editor's pages."""

from __future__ import annotations

import json

import pytest

from madoguchi.opendata import datastore
from madoguchi.opendata.models import Dataset, Resource


def _resource(name: str) -> Resource:
    return Resource.objects.get(dataset__name=name)


@pytest.mark.django_db
def test_search_with_a_facet_and_a_keyword(city, client):
    response = client.get("/dataset/", {"groups": "bosai", "q": "AED"})
    assert response.status_code == 200
    assert response.context["result"].count == 1
    assert "AED設置箇所一覧" in response.content.decode()
    facets = {facet["title"]: facet["items"] for facet in response.context["facets"]}
    assert any(item["selected"] for item in facets["グループ"])


@pytest.mark.django_db
def test_dataset_page_shows_stars_downloads_and_the_map_link(city, client):
    page = client.get("/dataset/evacuation-sites/").content.decode()
    assert "★★★" in page
    assert "format=geojson" in page
    assert "/dataset/evacuation-sites/map/" in page
    assert client.get("/dataset/no-such/").status_code == 404


@pytest.mark.django_db
def test_preview_filters_and_sorts(city, client):
    resource = _resource("population-by-area-age")
    url = f"/dataset/population-by-area-age/resource/{resource.pk}/"
    response = client.get(url, {"field": "年齢階級", "value": "0-14歳", "sort": "総数", "order": "desc"})
    page = response.context["page"]
    assert page.total == 6
    totals = [int(row[page.fields.index("総数")]) for row in page.rows]
    assert totals == sorted(totals, reverse=True)
    assert client.get(url, {"field": "nope", "value": "x", "offset": "junk"}).status_code == 200
    assert client.get(url, {"field": "年齢階級", "value": "\x00"}).status_code == 200


@pytest.mark.django_db
def test_downloads_csv_with_bom_json_and_geojson_neutralise_formula_cells(city, client, monkeypatch):
    from madoguchi.opendata import views

    monkeypatch.setattr(views, "_JSON_BATCH", 3)  # JSON is streamed in batches: 10 rows make four
    resource = _resource("public-wifi")
    fields = list(resource.datastore_fields)
    with datastore.connection.cursor() as cursor:
        column = f"c{fields.index('備考') + 1}"
        cursor.execute(f'UPDATE "{resource.datastore_table}" SET {column} = %s', ["=1+1"])  # noqa: S608
    url = f"/dataset/public-wifi/resource/{resource.pk}/download/"
    plain = b"".join(client.get(url).streaming_content).decode("utf-8")
    assert plain.startswith("全国地方公共団体コード,")
    assert "'=1+1" in plain and ",=1+1" not in plain
    with_bom = b"".join(client.get(url, {"format": "csv", "bom": "1"}).streaming_content)
    assert with_bom.startswith("\ufeff".encode())
    document = json.loads(b"".join(client.get(url, {"format": "json"}).streaming_content))
    assert document["fields"] == fields and len(document["records"]) == 10
    assert document["records"][0]["備考"] == "'=1+1"
    geojson = json.loads(b"".join(client.get(url, {"format": "geojson"}).streaming_content))
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) == 10
    longitude, latitude = geojson["features"][0]["geometry"]["coordinates"]
    assert 35.88 <= latitude <= 35.94 and 140.14 <= longitude <= 140.24
    population = _resource("population-by-area-age")
    no_geo = f"/dataset/population-by-area-age/resource/{population.pk}/download/?format=geojson"
    assert client.get(no_geo).status_code == 404


@pytest.mark.django_db
def test_the_map_lists_the_points_even_without_tiles(city, client, settings):
    settings.MADOGUCHI_MAP_TILE_URL = ""
    page = client.get("/dataset/public-wifi/map/").content.decode()
    assert page.count('<th scope="row">') == 10
    assert "leaflet.js" not in page
    settings.MADOGUCHI_MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    assert "leaflet.js" in client.get("/dataset/public-wifi/map/").content.decode()
    assert client.get("/dataset/population-by-area-age/map/").status_code == 404


@pytest.mark.django_db
def test_every_location_dataset_maps_named_points_inside_the_city(city, client):
    located = [
        dataset for dataset in Dataset.objects.order_by("name") if dataset.name != "population-by-area-age"
    ]
    assert len(located) == 12
    for dataset in located:
        points = client.get(f"/dataset/{dataset.name}/map/").context["points"]
        assert points, dataset.name
        for point in points:
            assert 35.87 < point["lat"] < 35.95 and 140.13 < point["lon"] < 140.25, (dataset.name, point)
            assert point["name"] and not point["name"].isdigit(), (dataset.name, point)
    water = client.get("/dataset/fire-water-sources/map/").context["points"]
    assert {point["name"].split()[0] for point in water} == {"消火栓", "防火水槽"}


@pytest.mark.django_db
def test_schemas_are_served_as_table_schema_json(city, client):
    schema = client.get("/opendata/schemas/public-wifi.json").json()
    assert schema["primaryKey"] == ["ID"]
    assert {"name", "type"} <= set(schema["fields"][0])
    assert client.get("/opendata/schemas/unknown.json").status_code == 404


@pytest.fixture
def editor(city, client):
    from madoguchi.accounts.selectors import staff_by_username
    from madoguchi.demo.services import seed_staff

    seed_staff(city)
    client.force_login(staff_by_username("admin.joho"))
    return client


@pytest.mark.django_db
def test_staff_pages_need_a_staff_sign_in(city, client):
    assert client.get("/staff/opendata/").status_code == 302


@pytest.mark.django_db
def test_an_editor_creates_uploads_sees_the_report_and_cannot_publish_with_errors(
    editor, django_capture_on_commit_callbacks
):
    from madoguchi.demo.data import opendata as demo_data
    from madoguchi.organization.selectors import department_by_code, home_municipality

    department = department_by_code(home_municipality(), "somu-joho")
    response = editor.post(
        "/staff/opendata/new/",
        {
            "name": "wifi-2027",
            "title": "公衆無線LAN（2027年度）",
            "notes": "説明",
            "organization": department.pk,
            "license_id": "PDL-1.0",
            "frequency": "ANNUAL",
            "standard_code": "public-wifi",
            "tags_text": "Wi-Fi、観光",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    header, rows = demo_data.table("public-wifi")
    rows[0][header.index("開始時間")] = "9時"
    from django.core.files.uploadedfile import SimpleUploadedFile

    from madoguchi.opendata import tabular

    upload = SimpleUploadedFile("wifi.csv", tabular.to_csv(header, rows).decode().encode("cp932"))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            "/staff/opendata/wifi-2027/upload/",
            {"name": "一覧", "file": upload, "schema_code": "public-wifi"},
        )
    report_page = editor.get(response["Location"]).content.decode()
    assert "エラーが1件あります" in report_page
    assert "<td>2</td><td>開始時間</td>" in report_page
    response = editor.post("/staff/opendata/wifi-2027/workflow/", {"step": "submit"}, follow=True)
    assert "検証にエラーがあります" in response.content.decode()
    assert Dataset.objects.get(name="wifi-2027").state == "draft"
    assert sorted(tag.name for tag in Dataset.objects.get(name="wifi-2027").tags.all()) == ["Wi-Fi", "観光"]


@pytest.mark.django_db
def test_rebuild_datastore_loads_the_tables_again_from_their_files(city, client):
    """After `madoguchi restore` the files are back but not the derived datastore tables."""
    from django.core.management import call_command

    resource = _resource("population-by-area-age")
    url = f"/dataset/population-by-area-age/resource/{resource.pk}/"
    datastore.drop_table(resource.datastore_table)
    call_command("rebuild_datastore")
    assert client.get(url, {"field": "年齢階級", "value": "0-14歳"}).context["page"].total == 6


@pytest.mark.django_db
def test_the_import_page_shows_a_running_copy_and_then_the_index_build(city, editor, monkeypatch):
    resource = _resource("aed")
    url = f"/staff/opendata/aed/resources/{resource.pk}/"
    Resource.objects.filter(pk=resource.pk).update(
        import_status=Resource.ImportStatus.RUNNING, import_rows_done=0, import_rows_total=5000
    )
    # PostgreSQL's COPY reports its progress to other sessions only (pg_stat_progress_copy)
    monkeypatch.setattr(
        datastore, "rows_copied", lambda name: 1234 if name == resource.datastore_table else None
    )
    page = editor.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'value="1234"' in page and "1234 / 5000 行" in page
    assert "索引を作成しています" not in page
    Resource.objects.filter(pk=resource.pk).update(import_rows_done=5000)
    monkeypatch.setattr(datastore, "rows_copied", lambda name: None)
    page = editor.get(url).content.decode()
    assert "5000 / 5000 行" in page and "索引を作成しています" in page
