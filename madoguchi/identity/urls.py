from django.urls import path

from madoguchi.identity import views
from madoguchi.identity.sandbox import views as sandbox_views

app_name = "identity"

urlpatterns = [
    path("login/", views.login_page, name="login"),
    path("oidc/callback/", views.callback, name="callback"),
    path("logout/", views.logout_view, name="logout"),
    path("my/sessions/", views.my_sessions, name="my_sessions"),
    path(
        "sandbox-idp/.well-known/openid-configuration",
        sandbox_views.discovery,
        name="sandbox_discovery",
    ),
    path("sandbox-idp/jwks.json", sandbox_views.jwks, name="sandbox_jwks"),
    path("sandbox-idp/authorize", sandbox_views.authorize, name="sandbox_authorize"),
    path("sandbox-idp/token", sandbox_views.token, name="sandbox_token"),
    path("sandbox-idp/userinfo", sandbox_views.userinfo, name="sandbox_userinfo"),
]
