from django.urls import path

from madoguchi.notifications import views

app_name = "notifications"

urlpatterns = [path("outbox/", views.outbox_view, name="outbox")]
