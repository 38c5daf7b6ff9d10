"""JavaScript the app serves itself: no CDN (government networks are often offline)."""

from __future__ import annotations

import hashlib
from functools import lru_cache

import vl_convert
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.views.decorators.http import require_GET

VEGA_VERSION = vl_convert.__version__


@lru_cache(maxsize=1)
def _vega_bundle() -> tuple[bytes, str]:
    # Vega, Vega-Lite and Vega-Embed as one script, from the vl-convert-python wheel.
    body = vl_convert.javascript_bundle().encode("utf-8")
    return body, hashlib.sha256(body).hexdigest()[:16]


@require_GET
def vega_embed(request: HttpRequest, version: str) -> HttpResponse:
    """The Vega-Embed bundle; the URL carries the version, so browsers may keep it for a year."""
    body, etag = _vega_bundle()
    if request.headers.get("If-None-Match") == f'"{etag}"':
        return HttpResponseNotModified()
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["ETag"] = f'"{etag}"'
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
