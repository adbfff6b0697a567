"""The public directory of departments (組織と連絡先)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from madoguchi.organization.selectors import department_tree, home_municipality


def directory(request: HttpRequest) -> HttpResponse:
    municipality = home_municipality()
    tree = department_tree(municipality) if municipality else []
    return render(request, "organization/directory.html", {"tree": tree})
