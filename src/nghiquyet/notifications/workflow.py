"""Notifications of the workflow: a report moved, a task was given or extended.

Each goes to the people who must act next — the nearest holders of the role over the unit
(a ward's leader, not the province's), never to the person who made the move — once per
move, in the app (the bell) and by e-mail unless they turned that kind off. They are
written in the move's transaction (the services send ``reporting.signals.submission_moved``
and ``plans.signals.task_assigned`` / ``task_extended``; :mod:`.apps` connects them here)
and e-mailed once it commits.

| move | who is told |
|---|---|
| submitted | the unit's leaders (to approve) |
| approved | the office of the plan's unit (to accept) |
| returned | the unit's reporters (to correct), with the reason |
| accepted | the unit's reporters and leaders |
| reopened | the unit's reporters (to correct), with the reason |
| task assigned (``task_owner_notify``), extended | the owner unit's people |
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import override

from nghiquyet.accounts.choices import Role
from nghiquyet.accounts.models import Grant
from nghiquyet.plans.signals import task_assigned, task_extended
from nghiquyet.reporting.choices import SubmissionAction, SubmissionStatus
from nghiquyet.reporting.signals import submission_moved

from .choices import NotificationKind
from .services import notify, send_pending_emails, task_owner_notify


def nearest_holders(unit, role: str) -> list:
    """The active users who hold ``role`` on the unit nearest to ``unit`` up its tree (the
    unit itself first): the people whose job it is, not every superior who could."""
    ancestors = [p for p in unit.path.strip("/").split("/") if p]
    paths = ["/" + "/".join(ancestors[: i + 1]) + "/" for i in range(len(ancestors))]
    grants = list(
        Grant.objects.filter(role=role, unit__path__in=paths, user__is_active=True)
        .select_related("user", "unit")
        .order_by("-unit__depth", "user_id")
    )
    if not grants:
        return []
    deepest = len(grants[0].unit.path)
    return [g.user for g in grants if len(g.unit.path) == deepest]


def _who(acting_user) -> str:
    name = getattr(acting_user, "first_name", "") or getattr(acting_user, "username", "")
    return name or _("Hệ thống")


def _people(*groups, acting_user) -> list:
    seen, out = set(), []
    for group in groups:
        for user in group:
            if user.pk not in seen and user.pk != getattr(acting_user, "pk", None):
                seen.add(user.pk)
                out.append(user)
    return out


def _send(users, *, kind, key, title, body, link, unit) -> int:
    made = 0
    for user in users:
        if notify(user=user, kind=kind, key=key, title=title, body=body, link=link, unit=unit):
            made += 1
    if made:
        transaction.on_commit(send_pending_emails)
    return made


def submission_moved_notify(
    *, submission, action: str, from_status: str, acting_user, comment: str = ""
) -> int:
    """Tell the people who must act that ``submission`` moved by ``action``; how many were."""
    rnd = submission.round
    unit = submission.unit
    with override("vi"):
        facts = {
            "unit": unit.name,
            "period": rnd.period.label,
            "plan": rnd.plan.heading,
            "who": _who(acting_user),
            "reason": comment,
        }
        reporters = nearest_holders(unit, Role.REPORTER)
        leaders = nearest_holders(unit, Role.APPROVER)
        if action == SubmissionAction.SUBMIT:
            kind, users = NotificationKind.SUBMISSION_SUBMITTED, [leaders]
            title = _("Báo cáo %(period)s của %(unit)s chờ bạn duyệt") % facts
            body = _("%(who)s đã gửi báo cáo %(period)s của %(unit)s theo %(plan)s.") % facts
        elif action == SubmissionAction.APPROVE:
            kind = NotificationKind.SUBMISSION_APPROVED
            users = [nearest_holders(rnd.plan.unit, Role.OFFICE)]
            title = _("Báo cáo %(period)s của %(unit)s chờ tiếp nhận") % facts
            body = _("%(who)s đã duyệt báo cáo %(period)s của %(unit)s theo %(plan)s.") % facts
        elif action == SubmissionAction.RETURN:
            kind, users = NotificationKind.SUBMISSION_RETURNED, [reporters]
            if (
                from_status != SubmissionStatus.SUBMITTED
            ):  # the office returned what the leader approved
                users.append(leaders)
            title = _("Báo cáo %(period)s của %(unit)s bị trả lại") % facts
            body = _("%(who)s trả lại báo cáo. Lý do: %(reason)s") % facts
        elif action == SubmissionAction.ACCEPT:
            kind, users = NotificationKind.SUBMISSION_ACCEPTED, [reporters, leaders]
            title = _("Báo cáo %(period)s của %(unit)s đã được tiếp nhận") % facts
            body = _("%(who)s đã tiếp nhận báo cáo %(period)s của %(unit)s.") % facts
        elif action == SubmissionAction.REOPEN:
            kind, users = NotificationKind.SUBMISSION_REOPENED, [reporters]
            title = _("Báo cáo %(period)s của %(unit)s được mở lại để điều chỉnh") % facts
            body = _("%(who)s mở lại báo cáo để điều chỉnh. Lý do: %(reason)s") % facts
        else:
            return 0
    return _send(
        _people(*users, acting_user=acting_user),
        kind=kind,
        key=f"{kind}:{submission.pk}:{submission.revision}",
        title=title,
        body=body,
        link=reverse("reporting:submission-detail", args=[submission.pk]),
        unit=unit,
    )


def _task_facts(task) -> dict:
    deadline = formats.date_format(task.deadline, "SHORT_DATE_FORMAT") if task.deadline else ""
    return {
        "title": task.title,
        "unit": task.owner_unit.name,
        "product": task.product,
        "deadline": deadline or _("chưa đặt"),
    }


def task_extended_notify(*, task, acting_user, old_deadline=None) -> int:
    """Tell the owner unit's reporters and leaders that ``task``'s deadline moved."""
    unit = task.owner_unit
    with override("vi"):
        facts = _task_facts(task)
        facts["old"] = (
            formats.date_format(old_deadline, "SHORT_DATE_FORMAT") if old_deadline else ""
        )
        title = _("Nhiệm vụ được gia hạn đến %(deadline)s: %(title)s") % facts
        body = _("Hạn cũ: %(old)s. Hạn mới: %(deadline)s. Sản phẩm: %(product)s.") % facts
    users = _people(
        nearest_holders(unit, Role.REPORTER),
        nearest_holders(unit, Role.APPROVER),
        acting_user=acting_user,
    )
    return _send(
        users,
        kind=NotificationKind.TASK_EXTENDED,
        key=f"{NotificationKind.TASK_EXTENDED}:{task.pk}:{task.deadline:%Y%m%d}",
        title=title,
        body=body,
        link=reverse("plans:task-detail", args=[task.pk]),
        unit=unit,
    )


def _on_submission_moved(sender, signal=None, **kwargs) -> None:
    submission_moved_notify(**kwargs)


def _on_task_assigned(sender, signal=None, *, task, acting_user, **kwargs) -> None:
    task_owner_notify(task=task, assigned_by=acting_user)


def _on_task_extended(sender, signal=None, **kwargs) -> None:
    task_extended_notify(**kwargs)


def connect() -> None:
    """Hear the services' signals (called once, when the app is ready)."""
    submission_moved.connect(_on_submission_moved, dispatch_uid="notifications.submission")
    task_assigned.connect(_on_task_assigned, dispatch_uid="notifications.task_assigned")
    task_extended.connect(_on_task_extended, dispatch_uid="notifications.task_extended")
