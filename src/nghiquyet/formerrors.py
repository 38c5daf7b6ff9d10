"""Putting a service's ValidationError onto the form the user filled in."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show ``exc`` on ``form``: field errors by the field, the rest at the top.

    Services name fields of their own (``unit``, ``parts``…); those the form does not
    have become messages for the whole form, so nothing the service said is lost.
    """
    errors = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
    for field, messages in errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
