"""The data version moves on every save or delete of the rows an evaluation reads.

Services already move it with their audit event (:mod:`.services`); these receivers are the
safety net for writes that have none — the admin, a loader, a test's factory. Models are
found by app label in the registry, not imported: audit is the lowest app and knows no other.
They are connected model by model (not for every sender), so that the other apps' deletes
stay fast deletes.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from .versions import data_version_bump

#: apps whose every row can alter an evaluation, a dashboard or a comparison
WATCHED_APPS = ("orgs", "plans", "reporting")
#: single models of other apps that can (a grant changes what a user may see)
WATCHED_MODELS = ("accounts.Grant",)


def _changed(sender, **_kwargs) -> None:
    data_version_bump()


def _m2m_changed(sender, action: str, **_kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        data_version_bump()


def watched_models() -> list:
    """The models whose saves and deletes move the data version."""
    models = [m for label in WATCHED_APPS for m in apps.get_app_config(label).get_models()]
    return models + [apps.get_model(label) for label in WATCHED_MODELS]


def connect() -> None:
    for model in watched_models():
        uid = f"nghiquyet.audit.data_version.{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}.delete")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}.{field.name}")
