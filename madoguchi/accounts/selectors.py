"""Account reads."""

from madoguchi.accounts.models import User


def staff_by_username(username: str) -> User | None:
    return User.objects.filter(kind=User.Kind.STAFF, username=username).first()


def user_by_id(user_id: int) -> User | None:
    return User.objects.filter(pk=user_id).first()
