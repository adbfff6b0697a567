"""Routes of the catalogue API, included under ``/api/v1/`` (no namespace: DRF and the schema
generator resolve these names globally)."""

from django.urls import path

from madoguchi.procedures.api import ProcedureDetailView, ProcedureListView

urlpatterns = [
    path("procedures", ProcedureListView.as_view(), name="api-procedure-list"),
    path("procedures/<slug:code>", ProcedureDetailView.as_view(), name="api-procedure-detail"),
]
