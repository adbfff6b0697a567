from django.urls import path

from madoguchi.cases import api

urlpatterns = [
    path("submissions", api.MySubmissions.as_view(), name="api-submissions"),
    path("submissions/<str:receipt_number>", api.MySubmission.as_view(), name="api-submission"),
]
