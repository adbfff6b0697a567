"""Sign-ins and failed sign-ins go to the audit trail; each session is indexed for its owner;
a saved account leaves the cache."""

from functools import partial

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from madoguchi.accounts import services
from madoguchi.accounts.backends import user_cache_key
from madoguchi.accounts.sessions import LAST_SEEN, now
from madoguchi.audit.services import record_event


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs) -> None:
    record_event(
        action="accounts.login",
        actor=user,
        object_type="accounts.user",
        object_id=str(user.pk),
        purpose="サインイン",
    )
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = now()
        method = services.STAFF_SIGN_IN_METHOD if user.is_staff_member else "oidc"
        services.remember_session(request=request, user=user, method=method)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        record_event(
            action="accounts.logout",
            actor=user,
            object_type="accounts.user",
            object_id=str(user.pk),
            purpose="サインアウト",
        )
    if request is not None and hasattr(request, "session"):
        services.forget_session(session_key=request.session.session_key)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Only the username is kept: the password attempt must never reach any log.
    record_event(
        action="accounts.login_failed",
        object_type="accounts.user",
        object_id=str(credentials.get("username", ""))[:64],
        purpose="サインイン失敗",
    )


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts.user_saved")
@receiver(post_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts.user_deleted")
def forget_cached_user(sender, instance, **kwargs) -> None:
    """An account saved or deleted is read afresh (see accounts.backends): now, and on commit,
    so a process that read the old row between the two does not keep it."""
    key = user_cache_key(instance.pk)
    cache.delete(key)
    transaction.on_commit(partial(cache.delete, key))
