from django.urls import path

from madoguchi.organization import views

app_name = "organization"

urlpatterns = [
    path("organization/", views.directory, name="directory"),
]
