from django.core.management.base import BaseCommand

from nghiquyet.demo.loader import load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa (tỉnh Bến Tre); chạy lại không thay đổi gì."

    def handle(self, *args, **options):
        load_demo(log=self.stdout.write)
