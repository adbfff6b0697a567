from django.urls import path

from madoguchi.audit import views

app_name = "audit"

urlpatterns = [
    path("my/access-log/", views.my_access_log, name="my_access_log"),
    path("staff/audit/", views.trail, name="trail"),
    path("staff/audit/export.csv", views.trail_export, name="trail_export"),
]
