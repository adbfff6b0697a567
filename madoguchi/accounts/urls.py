from django.urls import path

from madoguchi.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="staff_login"),
    path("login/verify/", views.mfa_verify, name="mfa_verify"),
    path("login/setup/", views.mfa_setup, name="mfa_setup"),
    path("reauthenticate/", views.reauthenticate, name="reauthenticate"),
    path("logout/", views.StaffLogoutView.as_view(), name="staff_logout"),
    path("security/", views.security, name="security"),
    path("security/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("security/sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("mfa-reset/", views.mfa_reset, name="mfa_reset"),
    path("account-status/", views.account_status, name="account_status"),
    path("roles/", views.roles, name="roles"),
    path("roles/assign/", views.role_assign, name="role_assign"),
    path("roles/<int:assignment_id>/end/", views.role_end, name="role_end"),
    path("", views.staff_home, name="staff_home"),
]
