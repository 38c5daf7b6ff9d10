"""Imports every module that registers job kinds (loaded by the app's ready())."""

from . import map_load, plan_excel, report_jobs, submission_excel  # noqa: F401
