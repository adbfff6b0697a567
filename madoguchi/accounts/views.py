"""Staff sign-in, sign-out and the staff start page."""

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from madoguchi.accounts.decorators import staff_required
from madoguchi.accounts.forms import StaffAuthenticationForm
from madoguchi.organization.selectors import posts_held_by


class StaffLoginView(auth_views.LoginView):
    template_name = "accounts/staff_login.html"
    authentication_form = StaffAuthenticationForm
    redirect_authenticated_user = True


class StaffLogoutView(auth_views.LogoutView):
    template_name = "accounts/staff_logged_out.html"


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/staff_home.html", {"posts": posts_held_by(request.user.pk)})
