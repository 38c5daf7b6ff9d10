"""A page's form and the service behind it: the service's ValidationError onto the form the
user filled in, and the one shape of a form's submission (:func:`form_submit`)."""

from __future__ import annotations

from django import forms
from django.contrib import messages as flash
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


def form_submit(request, form: forms.Form, save, *, done, page, message: str = ""):
    """The one shape of a page's form: on POST a valid form goes to ``save(cleaned_data)`` (a
    service); success → ``message`` and ``done(result)`` (a redirect); the service's refusal
    goes onto the form (:func:`add_service_errors`), and ``page(status)`` renders the form again
    — 400 when it has errors, 200 on GET."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if message:
                flash.success(request, message)
            return done(result)
    return page(400 if form.errors else 200)
