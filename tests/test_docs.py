"""Documentation that must stay true as the code changes."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.sqlite_subset

_READS = re.compile(
    r"""(?:(?:os\.environ\.get|os\.environ\.setdefault|_env_bool|_env_list)\(\s*|required_by=)["']([A-Z_]+)["']"""
)


@pytest.mark.parametrize(
    "source",
    [
        "madoguchi/settings.py",
        "gunicorn.conf.py",
        "conftest.py",
        "tests/browser/conftest.py",
        "tests/test_i18n.py",
    ],
)
def test_every_environment_variable_read_is_documented(source):
    operations = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    variables = set(_READS.findall((ROOT / source).read_text(encoding="utf-8")))
    variables.discard("DJANGO_SETTINGS_MODULE")
    assert variables, f"no variables found in {source}: has the way settings are read changed?"
    missing = sorted(v for v in variables if f"`{v}`" not in operations)
    assert missing == [], f"document these in docs/operations.md: {missing}"


def test_architecture_lists_every_app():
    from django.conf import settings

    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    apps = [app.rsplit(".", 1)[1] for app in settings.INSTALLED_APPS if app.startswith("madoguchi.")]
    assert [app for app in apps if f"`{app}`" not in architecture] == []


def test_readme_quick_start_is_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^make \w+", quick_start, flags=re.MULTILINE)
    assert commands == ["make demo", "make test"]


def test_the_written_fields_report_matches_the_demo_forms():
    from madoguchi.cases.written import report
    from madoguchi.demo.data.forms import FORMS
    from madoguchi.formbuilder.engine import parse_definition

    page = (ROOT / "docs" / "applications.md").read_text(encoding="utf-8")
    table = page.split("<!-- form-stats:start -->\n", 1)[1].split("\n<!-- form-stats:end -->", 1)[0]
    assert table == report([(form["title"], parse_definition(form["definition"])) for form in FORMS])


def test_the_bundle_report_matches_the_demo_forms():
    from madoguchi.cases.written import MOVING_IN_SCENARIOS, bundle_report
    from madoguchi.demo.data.forms import FORMS
    from madoguchi.formbuilder.engine import parse_definition

    by_code = {form["code"]: parse_definition(form["definition"]) for form in FORMS}
    page = (ROOT / "docs" / "applications.md").read_text(encoding="utf-8")
    table = page.split("<!-- bundle-stats:start -->\n", 1)[1].split("\n<!-- bundle-stats:end -->", 1)[0]
    assert table == bundle_report(
        (label, [by_code[c] for c in codes], rows) for label, codes, rows in MOVING_IN_SCENARIOS
    )
