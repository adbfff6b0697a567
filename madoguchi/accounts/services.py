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
    password_hash: str | None = None,
    is_superuser: bool = False,
) -> User:
    """A staff account; without a password it cannot sign in until one is set.

    ``password_hash`` (from ``make_password``) lets bulk provisioning hash one shared initial
    password once instead of once per account — PBKDF2 is deliberately slow.
    """
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
    if password_hash is not None:
        user.password = password_hash
    elif password is None:
        user.set_unusable_password()
    else:
        password_validation.validate_password(password, user)
        user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def create_resident_user(
    *,
    username: str,
    last_name: str,
    first_name: str,
    last_name_kana: str = "",
    first_name_kana: str = "",
    email: str = "",
) -> User:
    """A resident account. It has no password: residents sign in through OpenID Connect only."""
    user = User(
        username=username,
        kind=User.Kind.RESIDENT,
        last_name=last_name,
        first_name=first_name,
        last_name_kana=last_name_kana,
        first_name_kana=first_name_kana,
        email=email,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user
