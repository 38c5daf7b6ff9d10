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
