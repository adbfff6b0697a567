from django.http import HttpRequest

from madoguchi.organization.selectors import home_municipality


def municipality(request: HttpRequest) -> dict:
    """The municipality shown in every page's header and footer."""
    return {"municipality": home_municipality()}
