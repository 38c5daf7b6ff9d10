"""Settings for the test suite: the real settings, with fast password hashing."""

import os

os.environ.setdefault("NGHIQUYET_TESTING", "1")

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = True
# Serve static files from the apps' folders, as in development (no collectstatic).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A file, not memory: the live server's threads then each get their own connection, so
# concurrent requests in tests are truly concurrent on SQLite too.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    os.makedirs(VAR_DIR, exist_ok=True)  # noqa: F405
    # One file per test process, so that two runs at once do not share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405

# The test server speaks plain HTTP.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Jobs run at once, in the test's thread (a test of the worker uses the database backend).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
