"""The site's URL map: each app contributes its own ``urls.py``."""

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("madoguchi.core.urls")),
    path("", include("madoguchi.organization.urls")),
    path("staff/", include("madoguchi.accounts.urls")),
]
