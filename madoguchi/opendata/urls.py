from django.urls import path, re_path

from madoguchi.opendata import ckan, views

app_name = "opendata"

urlpatterns = [
    # CKAN Action API: no trailing slash, so an API POST is never redirected by APPEND_SLASH.
    path("api/3/action/<str:name>", ckan.action, name="ckan_action"),
    path("api/action/<str:name>", ckan.action, name="ckan_action_unversioned"),
    re_path(r"^catalog\.(?P<fmt>ttl|jsonld|rdf)$", views.catalog_rdf, name="catalog"),
    re_path(
        r"^dataset/(?P<name>[-a-zA-Z0-9_]+)\.(?P<fmt>ttl|jsonld|rdf)$", views.dataset_rdf, name="dataset_rdf"
    ),
    path("dataset/", views.dataset_search, name="search"),
    path("dataset/<slug:name>/", views.dataset_detail, name="dataset"),
    path("dataset/<slug:name>/map/", views.dataset_map, name="map"),
    path("dataset/<slug:name>/resource/<uuid:resource_id>/", views.resource_preview, name="resource"),
    path(
        "dataset/<slug:name>/resource/<uuid:resource_id>/download/",
        views.resource_download,
        name="resource_download",
    ),
    path("opendata/schemas/<slug:code>.json", views.schema_json, name="schema"),
    path("staff/opendata/", views.staff_list, name="staff_list"),
    path("staff/opendata/new/", views.staff_create, name="staff_create"),
    path("staff/opendata/<slug:name>/", views.staff_dataset, name="staff_dataset"),
    path("staff/opendata/<slug:name>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/opendata/<slug:name>/workflow/", views.staff_workflow, name="staff_workflow"),
    path("staff/opendata/<slug:name>/upload/", views.staff_upload, name="staff_upload"),
    path("staff/opendata/<slug:name>/link/", views.staff_link, name="staff_link"),
    path(
        "staff/opendata/<slug:name>/resources/<uuid:resource_id>/",
        views.staff_resource,
        name="staff_resource",
    ),
    path(
        "staff/opendata/<slug:name>/resources/<uuid:resource_id>/delete/",
        views.staff_resource_delete,
        name="staff_resource_delete",
    ),
]
