"""JSON as the API writes it, and whole answers kept in the evaluation cache.

:class:`Utf8JSONRenderer` is the API's renderer. :func:`cached_json` serves an answer that
is costly to compute and often asked (a plan's evaluation) from
:func:`nghiquyet.reporting.cache.cached`: validated against the operation's schema and
rendered once, then kept as bytes per question, scope, language, day and data version —
the same bytes django-ninja would write for the same dict.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from ninja.renderers import JSONRenderer
from pydantic import TypeAdapter

from nghiquyet.reporting.cache import cached


class Utf8JSONRenderer(JSONRenderer):
    """Vietnamese as UTF-8 rather than escaped; never NaN (which is not JSON)."""

    json_dumps_params = {"ensure_ascii": False, "allow_nan": False}


RENDERER = Utf8JSONRenderer()
CONTENT_TYPE = f"{RENDERER.media_type}; charset={RENDERER.charset}"


def cached_json(
    request: HttpRequest,
    *,
    kind: str,
    schema: object,
    parts: tuple,
    build: Callable[[], object],
) -> HttpResponse:
    """The 200 answer ``build()`` gives (a dict, or a list of dicts for a list ``schema``),
    validated by ``schema`` and rendered — or the bytes kept for the same question. Errors
    ``build`` raises (404, 422) are raised as they are and never kept."""

    def render() -> bytes:
        adapter = TypeAdapter(schema)
        context = {"request": request, "response_status": 200}
        data = adapter.dump_python(
            adapter.validate_python(build(), context=context), context=context
        )
        return RENDERER.render(request, data, response_status=200)

    content = cached(
        kind,
        user=request.auth,
        parts=parts,
        compute=render,
        since=getattr(request, "data_version_read", None),
    )
    return HttpResponse(content, status=200, content_type=CONTENT_TYPE)
