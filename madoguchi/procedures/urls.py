from django.urls import path

from madoguchi.procedures import views

app_name = "procedures"

urlpatterns = [
    path("procedures/", views.procedure_list, name="list"),
    path("procedures/<slug:code>/", views.procedure_detail, name="detail"),
    path("life-events/", views.life_event_list, name="life_events"),
    path("life-events/<slug:code>/", views.life_event_detail, name="life_event"),
]
