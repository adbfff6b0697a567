"""Account reads."""

from madoguchi.accounts.models import User


def staff_by_username(username: str) -> User | None:
    return User.objects.filter(kind=User.Kind.STAFF, username=username).first()
