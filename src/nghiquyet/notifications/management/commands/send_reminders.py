import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from nghiquyet.notifications.services import send_reminders


class Command(BaseCommand):
    help = "Gửi nhắc việc: báo cáo và nhiệm vụ sắp đến hạn, quá hạn (mỗi nhắc việc một lần)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày coi là hôm nay (dd/mm/yyyy), mặc định hôm nay.")

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = dt.datetime.strptime(date, "%d/%m/%Y").date()
            except ValueError:
                raise CommandError(f"Ngày '{date}' không hợp lệ; dùng dạng dd/mm/yyyy.") from None
        run = send_reminders(today=today)
        self.stdout.write(reminder_summary(run))


def reminder_summary(run) -> str:
    from nghiquyet.notifications.choices import ReminderKind

    parts = [f"{label}: {run.created.get(kind, 0)}" for kind, label in ReminderKind.choices]
    return (
        f"Nhắc việc ngày {run.today:%d/%m/%Y}: {run.total} thông báo mới ({'; '.join(parts)}); "
        f"{run.emailed} thư điện tử đã gửi."
    )
