"""The site's URL map: each app contributes its own ``urls.py``."""

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("madoguchi.api_urls")),
    path("", include("madoguchi.core.urls")),
    path("", include("madoguchi.organization.urls")),
    path("", include("madoguchi.identity.urls")),
    path("", include("madoguchi.audit.urls")),
    path("", include("madoguchi.procedures.urls")),
    # Before cases: its /my/<receipt_number>/ would otherwise swallow /my/certificates/.
    path("", include("madoguchi.certificates.urls")),
    path("", include("madoguchi.cases.urls")),
    path("", include("madoguchi.payments.urls")),
    path("", include("madoguchi.chatbot.urls")),
    path("", include("madoguchi.opendata.urls")),
    path("", include("madoguchi.approvals.urls")),
    path("", include("madoguchi.records.urls")),
    path("staff/forms/", include("madoguchi.formbuilder.urls")),
    path("staff/", include("madoguchi.notifications.urls")),
    path("staff/", include("madoguchi.accounts.urls")),
]
