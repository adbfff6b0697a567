"""Account writes."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.db import transaction

from madoguchi.accounts.models import User


@transaction.atomic
def create_staff_user(
    *,
    username: str,
    last_name: str,
    first_name: str,
    last_name_kana: str = "",
    first_name_kana: str = "",
    email: str = "",
    password: str | None = None,
    is_superuser: bool = False,
) -> User:
    """A staff account; without a password it cannot sign in until one is set."""
    user = User(
        username=username,
        kind=User.Kind.STAFF,
        last_name=last_name,
        first_name=first_name,
        last_name_kana=last_name_kana,
        first_name_kana=first_name_kana,
        email=email,
        is_superuser=is_superuser,
    )
    if password is None:
        user.set_unusable_password()
    else:
        password_validation.validate_password(password, user)
        user.set_password(password)
    user.full_clean()
    user.save()
    return user
