"""Notifications and the reminder run."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from nghiquyet.accounts.choices import Action, Role
from nghiquyet.accounts.models import Grant
from nghiquyet.audit.services import audit_log
from nghiquyet.orgs.scopes import scope_for
from nghiquyet.plans.models import Task
from nghiquyet.reporting.choices import EDITABLE_STATUSES
from nghiquyet.reporting.models import Submission

from .choices import NotificationKind, ReminderKind
from .models import EmailOptOut, Notification

log = logging.getLogger(__name__)

#: Reports are reminded of this many days before their deadline, tasks this many.
REPORT_DUE_DAYS = 3
TASK_DUE_DAYS = 7


def notify(*, user, kind: str, key: str, title: str, body: str = "", link: str = "", unit=None):
    """Create the notification unless this user already has one with ``key``; None if so.

    It goes by e-mail too unless the user turned e-mail off for ``kind``.
    """
    notification, created = Notification.objects.get_or_create(
        user=user,
        key=key[:64],
        defaults={
            "kind": kind,
            "title": title[:255],
            "body": body,
            "link": link,
            "unit": unit,
            "email": not EmailOptOut.objects.filter(user=user, kind=kind).exists(),
        },
    )
    return notification if created else None


@transaction.atomic
def notification_email_settings_set(*, acting_user, emailed_kinds: set[str]) -> None:
    """The kinds of notification ``acting_user`` wants by e-mail; the others stay in the app
    only. Notifications already made keep what was decided for them."""
    unknown = set(emailed_kinds) - set(NotificationKind.values)
    if unknown:
        raise ValueError(f"unknown notification kinds: {sorted(unknown)}")
    before = set(EmailOptOut.objects.filter(user=acting_user).values_list("kind", flat=True))
    after = set(NotificationKind.values) - set(emailed_kinds)
    if before == after:
        return
    EmailOptOut.objects.filter(user=acting_user, kind__in=before - after).delete()
    EmailOptOut.objects.bulk_create(
        [EmailOptOut(user=acting_user, kind=kind) for kind in sorted(after - before)]
    )
    audit_log(
        acting_user=acting_user,
        action="notification.email_settings",
        obj=acting_user,
        changes={"email_off": [sorted(before), sorted(after)]},
    )


def notification_mark_read(*, user, pk: int | None = None) -> int:
    """Mark one (or, without ``pk``, every) unread notification of ``user`` as read."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())


def send_pending_emails(*, limit: int = 500) -> int:
    """E-mail notifications not e-mailed yet to users with an address; returns how many went.

    A failure is logged and retried at the next run; a success is never repeated.
    """
    sent = 0
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, email=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("created_at")[:limit]
    )
    base = getattr(settings, "NGHIQUYET_BASE_URL", "").rstrip("/")
    for n in pending:
        body = n.body + (f"\n\n{base}{n.link}" if n.link else "")
        try:
            send_mail(f"[nghiquyet] {n.title}", body, None, [n.user.email])
        except Exception:  # the mail server may be down; try again next run
            log.exception("could not e-mail notification %s", n.pk)
            continue
        Notification.objects.filter(pk=n.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


@dataclass
class ReminderRun:
    today: dt.date
    created: Counter = field(default_factory=Counter)
    emailed: int = 0

    @property
    def total(self) -> int:
        return sum(self.created.values())


class _Recipients:
    """Who holds which role over a unit (grants cover the unit's subtree)."""

    def __init__(self):
        self.grants = list(
            Grant.objects.filter(user__is_active=True)
            .exclude(role=Role.ADMIN)
            .select_related("user", "unit")
        )

    def of(self, unit, roles: set[str]) -> list:
        users = {
            g.user for g in self.grants if g.role in roles and unit.path.startswith(g.unit.path)
        }
        return sorted(users, key=lambda u: u.pk)


def _date(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


@transaction.atomic
def send_reminders(*, today: dt.date | None = None) -> ReminderRun:
    """Remind people of reports and tasks near or past their deadline; each reminder once.

    - a report not yet sent whose deadline is within :data:`REPORT_DUE_DAYS` days:
      the unit's reporters;
    - a report not sent by its deadline: the unit's reporters and leaders, and
      the office that opened the round;
    - an open task due within :data:`TASK_DUE_DAYS` days: the owner unit's reporters;
    - an open task past its deadline: the owner unit's reporters and leaders.

    Messages are Vietnamese; run by a scheduler (cron) — see docs/reminders.md.
    """
    today = today or timezone.localdate()
    run = ReminderRun(today=today)
    people = _Recipients()
    with override("vi"):
        _remind_reports(run, people, today)
        _remind_tasks(run, people, today)
    if run.total:
        audit_log(
            acting_user=None,
            action="reminder.run",
            obj=Notification.objects.order_by("-pk").first(),
            changes={kind: [None, n] for kind, n in run.created.items()},
            note=_("Nhắc việc ngày %(day)s") % {"day": _date(today)},
        )
    transaction.on_commit(lambda: setattr(run, "emailed", send_pending_emails()))
    return run


def _remind_reports(
    run: ReminderRun, people: _Recipients, today: dt.date, rnd=None, late_only: bool = False
) -> None:
    # A unit's own extended deadline counts before the round's; a closed round asks no more.
    open_reports = (
        Submission.objects.filter(
            status__in=EDITABLE_STATUSES,
            first_submitted_at__isnull=True,
            round__closed_at__isnull=True,
        )
        .annotate(due_on=Coalesce("deadline", "round__deadline"))
        .filter(due_on__lte=today + dt.timedelta(days=REPORT_DUE_DAYS))
        .select_related("unit", "round__period", "round__plan__unit")
    )
    if rnd is not None:
        open_reports = open_reports.filter(round=rnd)
    if late_only:
        open_reports = open_reports.filter(due_on__lt=today)
    for sub in open_reports:
        rnd = sub.round
        link = reverse("reporting:submission-detail", args=[sub.pk])
        facts = {
            "period": rnd.period.label,
            "unit": sub.unit.name,
            "plan": rnd.plan.heading,
            "deadline": _date(sub.due),
        }
        if sub.due >= today:
            kind, recipients = ReminderKind.REPORT_DUE, people.of(sub.unit, {Role.REPORTER})
            title = _("Sắp đến hạn gửi báo cáo %(period)s (%(deadline)s)") % facts
            body = (
                _(
                    "Báo cáo %(period)s của %(unit)s theo %(plan)s cần được gửi trước hết "
                    "ngày %(deadline)s."
                )
                % facts
            )
        else:
            kind = ReminderKind.REPORT_LATE
            recipients = people.of(sub.unit, {Role.REPORTER, Role.APPROVER})
            recipients += [
                u for u in people.of(rnd.plan.unit, {Role.OFFICE}) if u not in recipients
            ]
            title = _("Báo cáo %(period)s của %(unit)s đã quá hạn (%(deadline)s)") % facts
            body = (
                _(
                    "%(unit)s chưa gửi báo cáo %(period)s theo %(plan)s; hạn gửi là ngày "
                    "%(deadline)s."
                )
                % facts
            )
        key = f"{kind}:{sub.pk}:{sub.due:%Y%m%d}"
        for user in recipients:
            if notify(
                user=user, kind=kind, key=key, title=title, body=body, link=link, unit=sub.unit
            ):
                run.created[kind] += 1


@transaction.atomic
def round_remind_now(*, acting_user, rnd, today: dt.date | None = None) -> int:
    """ "Nhắc ngay": today's reminders to the units of ``rnd`` that are late, sent from the
    round's page by its office; each reminder still once per unit and deadline. Returns how
    many notifications were made; one ``reminder.run`` event when any."""
    scope_for(acting_user).require(Action.MANAGE, rnd.plan.unit)
    today = today or timezone.localdate()
    run = ReminderRun(today=today)
    with override("vi"):
        _remind_reports(run, _Recipients(), today, rnd=rnd, late_only=True)
    if run.total:
        audit_log(
            acting_user=acting_user,
            action="reminder.run",
            obj=rnd,
            unit=rnd.plan.unit,
            changes={kind: [None, n] for kind, n in run.created.items()},
            note=_("Nhắc ngay ngày %(day)s") % {"day": _date(today)},
        )
    transaction.on_commit(send_pending_emails)
    return run.total


@transaction.atomic
def task_owner_notify(*, task, assigned_by=None) -> int:
    """Tell the owner unit's reporters and leaders that ``task`` is theirs (after it was
    assigned or reassigned to them); once per task and owner."""
    with override("vi"):
        facts = {
            "title": task.title,
            "deadline": _date(task.deadline) if task.deadline else _("không có thời hạn"),
            "plan": task.plan.heading,
        }
        title = _("Đơn vị được giao nhiệm vụ: %(title)s") % facts
        body = _("Theo %(plan)s; thời hạn: %(deadline)s.") % facts
    link = reverse("plans:task-detail", args=[task.pk])
    made = 0
    for user in _Recipients().of(task.owner_unit, {Role.REPORTER, Role.APPROVER}):
        if user == assigned_by:
            continue
        if notify(
            user=user,
            kind=ReminderKind.TASK_ASSIGNED,
            key=f"{ReminderKind.TASK_ASSIGNED}:{task.pk}:{task.owner_unit_id}",
            title=title,
            body=body,
            link=link,
            unit=task.owner_unit,
        ):
            made += 1
    return made


def _remind_tasks(run: ReminderRun, people: _Recipients, today: dt.date) -> None:
    open_tasks = Task.objects.filter(
        completed_on__isnull=True,
        closed_as="",
        deadline__isnull=False,
        deadline__lte=today + dt.timedelta(days=TASK_DUE_DAYS),
    ).select_related("owner_unit", "plan")
    for task in open_tasks:
        facts = {
            "title": task.title,
            "deadline": _date(task.deadline),
            "unit": task.owner_unit.name,
            "product": task.product,
            "progress": task.progress,
        }
        link = reverse("plans:task-detail", args=[task.pk])
        if task.deadline >= today:
            kind, roles = ReminderKind.TASK_DUE, {Role.REPORTER}
            title = _("Nhiệm vụ sắp đến hạn (%(deadline)s): %(title)s") % facts
        else:
            kind, roles = ReminderKind.TASK_OVERDUE, {Role.REPORTER, Role.APPROVER}
            title = _("Nhiệm vụ quá hạn (%(deadline)s): %(title)s") % facts
        body = (
            _(
                "Đơn vị chủ trì: %(unit)s. Sản phẩm: %(product)s. Hạn: %(deadline)s. "
                "Tiến độ hiện tại: %(progress)s%%."
            )
            % facts
        )
        key = f"{kind}:{task.pk}:{task.deadline:%Y%m%d}"
        for user in people.of(task.owner_unit, roles):
            if notify(
                user=user,
                kind=kind,
                key=key,
                title=title,
                body=body,
                link=link,
                unit=task.owner_unit,
            ):
                run.created[kind] += 1
