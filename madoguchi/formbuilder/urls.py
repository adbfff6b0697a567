"""Mounted at /staff/forms/ (see madoguchi/urls.py)."""

from django.urls import path

from madoguchi.formbuilder import views

app_name = "formbuilder"

urlpatterns = [
    path("", views.form_list, name="list"),
    path("new/", views.form_new, name="new"),
    path("<slug:code>/", views.form_detail, name="detail"),
    path("<slug:code>/edit/", views.form_edit, name="edit"),
    path("<slug:code>/preview/", views.form_preview, name="preview"),
    path("<slug:code>/versions/<int:number>/publish/", views.version_publish, name="publish"),
]
