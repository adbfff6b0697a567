"""The staff editor: staff only, preview never saves, save shows which version it made."""

import json

import pytest

from madoguchi.accounts.tests.factories import ResidentUserFactory, StaffUserFactory
from madoguchi.formbuilder import selectors, services
from madoguchi.formbuilder.tests.definitions import definition, one_field

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


@pytest.fixture
def version():
    return services.create_form(code="juminhyo", title="住民票の写し交付申請", definition=definition())


@pytest.fixture
def staff(client):
    client.force_login(StaffUserFactory())
    return client


PAGES = ["/staff/forms/", "/staff/forms/new/", "/staff/forms/juminhyo/", "/staff/forms/juminhyo/edit/"]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_the_staff_sign_in(client, version, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")


@pytest.mark.parametrize("path", PAGES)
def test_residents_are_refused(client, version, path):
    client.force_login(ResidentUserFactory())
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", PAGES)
def test_staff_see_every_page(staff, version, path):
    assert staff.get(path).status_code == 200


def test_the_list_links_each_form(staff, version):
    assert 'href="/staff/forms/juminhyo/"' in staff.get("/staff/forms/").content.decode()


def test_preview_of_bad_json_shows_the_error_and_saves_nothing(staff, version):
    response = staff.post("/staff/forms/juminhyo/edit/", {"editor-definition": "{oops", "action": "preview"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "JSONの書式が正しくありません（1行目2文字目）" in html and "md-error-summary" in html
    assert selectors.latest_version(version.form).definition == definition()


def test_preview_of_a_valid_definition_renders_every_step_disabled_without_saving(staff, version):
    changed = one_field({"key": "note", "type": "text", "label": "備考"})
    response = staff.post(
        "/staff/forms/juminhyo/edit/", {"editor-definition": json.dumps(changed), "action": "preview"}
    )
    html = response.content.decode()
    assert 'name="note"' in html and "disabled" in html
    assert selectors.latest_version(version.form).definition == definition()


def test_preview_shows_definition_errors(staff, version):
    broken = one_field({"key": "x", "type": "colour", "label": "色"})
    response = staff.post(
        "/staff/forms/juminhyo/edit/", {"editor-definition": json.dumps(broken), "action": "preview"}
    )
    assert "項目「x」の型「colour」は使えません" in response.content.decode()


def test_the_htmx_preview_endpoint_returns_only_the_fragment(staff, version):
    response = staff.post("/staff/forms/juminhyo/preview/", {"editor-definition": json.dumps(definition())})
    html = response.content.decode()
    assert "<html" not in html and "手順1：申請者" in html


def test_save_over_a_locked_version_creates_version_two(staff, version):
    services.lock_version(version=version)
    changed = one_field({"key": "note", "type": "text", "label": "備考"})
    response = staff.post(
        "/staff/forms/juminhyo/edit/",
        {"editor-definition": json.dumps(changed), "action": "save"},
        follow=True,
    )
    assert "第2版として保存しました" in response.content.decode()
    assert selectors.latest_version(version.form).number == 2


def test_publish_button_publishes_a_draft_version(staff, version):
    services.lock_version(version=version)
    draft = services.save_definition(
        form=version.form, definition=one_field({"key": "a", "type": "text", "label": "a"})
    )
    response = staff.post(f"/staff/forms/juminhyo/versions/{draft.number}/publish/", follow=True)
    assert "第2版を公開しました" in response.content.decode()
    assert selectors.current_version("juminhyo") == draft


def test_new_form_is_created_and_published(staff):
    response = staff.post(
        "/staff/forms/new/",
        {
            "editor-code": "tennyu",
            "editor-title": "転入届",
            "editor-title_en": "",
            "editor-definition": json.dumps(definition()),
        },
    )
    assert response.status_code == 302 and response["Location"] == "/staff/forms/tennyu/"
    assert selectors.current_version("tennyu").number == 1


def test_new_form_with_a_taken_code_is_refused(staff, version):
    response = staff.post(
        "/staff/forms/new/",
        {"editor-code": "juminhyo", "editor-title": "x", "editor-definition": json.dumps(definition())},
    )
    assert "このフォームコードはすでに使われています" in response.content.decode()
