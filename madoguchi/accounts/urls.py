from django.urls import path

from madoguchi.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="staff_login"),
    path("logout/", views.StaffLogoutView.as_view(), name="staff_logout"),
    path("", views.staff_home, name="staff_home"),
]
