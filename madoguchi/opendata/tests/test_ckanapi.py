"""The unmodified ``ckanapi`` client — CLI and RemoteCKAN, POST and GET-only — against a live server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from ckanapi import NotFound, RemoteCKAN, ValidationError

from madoguchi.demo.services import seed_open_data, seed_organization

CLI = str(Path(sys.executable).with_name("ckanapi"))
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server) -> str:
    seed_open_data(seed_organization())
    return live_server.url


def _cli(*args: str, cwd: Path | None = None) -> str:
    # `dump` starts worker processes by the name "ckanapi", so the venv's bin must be on PATH.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [CLI, *args], capture_output=True, text=True, timeout=120, env=env, cwd=cwd, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("get_only", [False, True])
def test_remote_ckan_searches_with_facets_and_reads_a_dataset(site, get_only):
    ckan = RemoteCKAN(site, get_only=get_only)
    result = ckan.action.package_search(
        q="避難",
        fq='organization:"shimin-bosai"',
        rows=5,
        **{"facet.field": ["organization", "tags", "res_format"]},
    )
    assert result["count"] == 1
    assert result["results"][0]["name"] == "evacuation-sites"
    assert result["facets"]["organization"] == {"shimin-bosai": 1}
    assert result["search_facets"]["res_format"]["items"][0]["name"] == "CSV"
    dataset = ckan.action.package_show(id="public-wifi")
    resource = dataset["resources"][0]
    assert resource["datastore_active"] is True
    # A GET query string cannot carry a nested object: CKAN clients send filters as a JSON string.
    filters = json.dumps({"SSID": "Ryugasaki_Free_Wi-Fi"})
    rows = ckan.action.datastore_search(resource_id=resource["id"], filters=filters, limit=3)
    assert rows["total"] == 10
    assert len(rows["records"]) == 3
    with pytest.raises(NotFound):
        ckan.action.package_show(id="no-such-dataset")
    with pytest.raises(ValidationError):
        ckan.action.package_search(rows="many")


def test_both_api_paths_answer_and_post_is_never_redirected(site):
    import requests

    for path in ("/api/3/action/package_list", "/api/action/package_list"):
        response = requests.post(site + path, json={}, allow_redirects=False, timeout=10)
        assert response.status_code == 200
        assert len(response.json()["result"]) == 13


def test_cli_action_package_search_with_facets(site):
    out = _cli("action", "package_search", "-r", site, 'facet.field:["groups","license_id"]', "rows=0")
    result = json.loads(out)
    assert result["count"] == 13
    assert result["facets"]["license_id"] == {"CC-BY-4.0": 13}
    assert result["facets"]["groups"]["bosai"] == 3


def test_cli_dump_all_datasets_also_by_get(site):
    for extra in ([], ["--get-request"]):
        lines = _cli("dump", "datasets", "--all", "-r", site, *extra).splitlines()
        names = sorted(json.loads(line)["name"] for line in lines)
        assert len(names) == 13
        assert "public-wifi" in names


def test_cli_search_datasets_pages_through_everything(site):
    lines = _cli("search", "datasets", "-r", site, "q=一覧").splitlines()
    assert len(lines) == 12  # every standard dataset but 地域・年齢別人口


def test_cli_datapackage_downloads_the_data_and_its_schema(site, tmp_path):
    _cli("dump", "datasets", "public-wifi", "-r", site, f"--datapackages={tmp_path}")
    package = json.loads((tmp_path / "public-wifi" / "datapackage.json").read_text(encoding="utf-8"))
    resource = package["resources"][0]
    # The standard's Table Schema is referenced by URL, as the Data Package spec allows.
    assert resource["schema"].endswith("/opendata/schemas/public-wifi.json")
    data = (tmp_path / "public-wifi" / resource["path"]).read_text(encoding="utf-8")
    assert data.startswith("全国地方公共団体コード,ID,")
    assert data.count("Ryugasaki_Free_Wi-Fi") == 10
