"""Versions: saving over a locked version creates the next one; the database refuses edits too."""

import pytest
from django.db import DatabaseError, transaction

from madoguchi.accounts.tests.factories import StaffUserFactory
from madoguchi.audit.models import AuditEvent
from madoguchi.formbuilder import selectors, services
from madoguchi.formbuilder.engine import DefinitionError
from madoguchi.formbuilder.models import FormVersion
from madoguchi.formbuilder.tests.definitions import definition, one_field

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_subset]


@pytest.fixture
def version():
    return services.create_form(code="juminhyo", title="住民票の写し交付申請", definition=definition())


def test_create_form_publishes_version_one_and_audits_it(version):
    assert version.number == 1 and version.published_at is not None
    assert selectors.current_version("juminhyo") == version
    assert AuditEvent.objects.filter(action="formbuilder.create", object_id=str(version.pk)).exists()


def test_create_form_refuses_a_bad_definition():
    with pytest.raises(DefinitionError):
        services.create_form(code="bad", title="x", definition={"steps": []})
    assert selectors.form_by_code("bad") is None


def test_saving_an_unlocked_version_edits_it_in_place(version):
    saved = services.save_definition(
        form=version.form, definition=one_field({"key": "a", "type": "text", "label": "a"})
    )
    assert saved.pk == version.pk and saved.number == 1


def test_saving_over_a_locked_version_creates_the_next_unpublished_version(version):
    services.lock_version(version=version)
    new_definition = one_field({"key": "a", "type": "text", "label": "a"})
    saved = services.save_definition(form=version.form, definition=new_definition, actor=StaffUserFactory())
    version.refresh_from_db()
    assert saved.number == 2 and saved.published_at is None
    assert version.definition == definition()
    assert selectors.current_version("juminhyo") == version


def test_publishing_the_new_version_makes_it_current(version):
    services.lock_version(version=version)
    saved = services.save_definition(
        form=version.form, definition=one_field({"key": "a", "type": "text", "label": "a"})
    )
    services.publish_version(version=saved)
    assert selectors.current_version("juminhyo") == saved
    assert [v.number for v in selectors.versions(version.form)] == [2, 1]


def test_lock_version_is_idempotent(version):
    services.lock_version(version=version)
    first = version.locked_at
    services.lock_version(version=version)
    assert version.locked_at == first is not None


def test_the_database_refuses_to_change_a_locked_definition(version):
    services.lock_version(version=version)
    with pytest.raises(DatabaseError), transaction.atomic():
        FormVersion.objects.filter(pk=version.pk).update(definition={"steps": []})


@pytest.mark.usefixtures("postgres_only")
def test_postgresql_refuses_to_delete_a_locked_version(version):
    services.lock_version(version=version)
    with pytest.raises(DatabaseError), transaction.atomic():
        FormVersion.objects.filter(pk=version.pk).delete()


def test_version_by_id_returns_the_exact_version(version):
    assert selectors.version_by_id(version.pk).definition == definition()


def test_an_unlocked_version_is_parsed_afresh_so_edits_show_at_once(version):
    before = selectors.spec_of(version)
    services.save_definition(
        form=version.form, definition=one_field({"key": "a", "type": "text", "label": "a"})
    )
    after = selectors.spec_of(FormVersion.objects.get(pk=version.pk))
    assert list(after.fields_by_key) == ["a"] and list(before.fields_by_key) != ["a"]


def test_a_locked_version_is_parsed_once_per_process(version, monkeypatch):
    services.lock_version(version=version)
    locked = FormVersion.objects.get(pk=version.pk)
    first = selectors.spec_of(locked)
    monkeypatch.setattr(selectors, "parse_definition", lambda definition: pytest.fail("parsed again"))
    assert selectors.spec_of(FormVersion.objects.get(pk=version.pk)) is first
