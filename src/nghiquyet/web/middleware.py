import contextlib
import ipaddress
import json
import time
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


class LanguageMiddleware:
    """Vietnamese unless the user chose another language.

    Django's LocaleMiddleware follows the browser's Accept-Language, which in
    Vietnamese offices is often English; that would show English number formats
    on Vietnamese pages. Here only the language cookie set by the language
    switcher counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


def _networks(text: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(
        ipaddress.ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip()
    )


def _in(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in networks)


class ProxyMiddleware:
    """Behind a reverse proxy, the client's address and scheme as the proxy saw them.

    Only a request whose peer is one of ``settings.NGHIQUYET_TRUSTED_PROXIES`` (addresses or
    networks) is believed: its ``X-Forwarded-For`` is read from the right, skipping the
    trusted proxies, and the first other address becomes ``REMOTE_ADDR`` (so the login
    lockout, the audit trail and the logs see the real client); ``X-Forwarded-Proto: https``
    makes the request secure. A request from anywhere else keeps its own address, whatever
    headers it sends.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = _networks(getattr(settings, "NGHIQUYET_TRUSTED_PROXIES", ""))

    def __call__(self, request):
        meta = request.META
        if self.trusted and _in(meta.get("REMOTE_ADDR", ""), self.trusted):
            chain = [a.strip() for a in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
            for address in reversed([a for a in chain if a]):
                if not _in(address, self.trusted):
                    # Garbage in the header keeps the proxy's address.
                    with contextlib.suppress(ValueError):
                        meta["REMOTE_ADDR"] = str(ipaddress.ip_address(address))
                    break
            proto = meta.get("HTTP_X_FORWARDED_PROTO", "").split(",")[0].strip().lower()
            if proto in ("http", "https"):
                meta["wsgi.url_scheme"] = proto
        return self.get_response(request)


def client_ip(request) -> str | None:
    """The client's address (after :class:`ProxyMiddleware`); django-axes keys lockouts on it."""
    return request.META.get("REMOTE_ADDR")


class SecurityHeadersMiddleware:
    """The Content-Security-Policy (``settings.NGHIQUYET_CSP``; empty sends none).

    The default allows scripts only from the app's own files: no inline script, no
    inline event handler, no ``eval`` (htmx is configured without it and charts use
    Vega's expression interpreter).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "NGHIQUYET_CSP", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class RequestSizeMiddleware:
    """Refuses a request body larger than the limit before anything reads it (413).

    A signed-in user (or a program with a token) may send up to
    ``settings.NGHIQUYET_MAX_REQUEST_BYTES``; anyone else (the sign-in page, a bot) up to
    ``settings.NGHIQUYET_MAX_ANONYMOUS_REQUEST_BYTES``. The size is the declared
    ``Content-Length``: Django reads no more than that, and a body without one is read as
    empty. Placed after the authentication middleware and before anything reads the body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        user = getattr(request, "user", None)
        signed_in = (user is not None and user.is_authenticated) or (
            "Authorization" in request.headers
        )
        limit = (
            settings.NGHIQUYET_MAX_REQUEST_BYTES
            if signed_in
            else settings.NGHIQUYET_MAX_ANONYMOUS_REQUEST_BYTES
        )
        if length <= limit:
            return self.get_response(request)
        message = _(
            "Dữ liệu gửi lên quá lớn (%(size)s), vượt giới hạn %(limit)s. Chưa có gì được lưu."
        ) % {"size": _size(length), "limit": _size(limit)}
        if request.path.startswith("/api/"):
            body = {
                "code": "payload_too_large",
                "message": message,
                "details": [{"field": None, "row": None, "message": message}],
            }
            response = HttpResponse(
                json.dumps(body, ensure_ascii=False),
                status=413,
                content_type="application/json; charset=utf-8",
            )
        else:
            response = HttpResponse(
                render_to_string("413.html", {"message": message}, request=None),
                status=413,
            )
        # The body was not read: the connection cannot be reused for another request.
        response["Connection"] = "close"
        return response


class NulMiddleware:
    """Refuses a NUL character (code 0) in a page's address or query string (400).

    No field may hold it and PostgreSQL can neither store nor compare it: a search such as
    ``/nhiem-vu/?q=%00`` would otherwise fail deep in a query. The API answers the same in
    its own format (:class:`nghiquyet.api.middleware.ApiMiddleware`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = unquote_to_bytes(request.META.get("QUERY_STRING", ""))
        if request.path.startswith("/api/") or (
            "\x00" not in request.path and b"\x00" not in query
        ):
            return self.get_response(request)
        message = _("Địa chỉ trang chứa ký tự NUL (mã 0), không được chấp nhận.")
        return HttpResponse(
            render_to_string("400.html", {"message": message}, request=None), status=400
        )


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, round(n / 1024))} KB"


class IdleSessionMiddleware:
    """Signs out a session idle for ``settings.SESSION_COOKIE_AGE`` seconds.

    The session's expiry is pushed forward on activity, at most once a minute (not on every
    request, which would write the session table on every poll).
    """

    TOUCH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            seen = session.get("_seen", 0)
            if not isinstance(seen, int) or now - seen >= self.TOUCH_EVERY:
                session["_seen"] = now  # saved with a new expiry by SessionMiddleware
        return self.get_response(request)
