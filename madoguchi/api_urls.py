"""The JSON API: version 1 of each app's ``api.py`` routes, and the OpenAPI 3 schema."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("v1/", include("madoguchi.procedures.api_urls")),
    path("v1/", include("madoguchi.cases.api_urls")),
    path("v1/", include("madoguchi.chatbot.api_urls")),
]
