import json
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

API_PREFIX = "/api/"


def nul_message() -> str:
    return _("Dữ liệu gửi lên chứa ký tự NUL (mã 0), không được chấp nhận.")


class ApiMiddleware:
    """The API speaks the language of ``Accept-Language`` (Vietnamese by default).

    The web's :class:`~nghiquyet.web.middleware.LanguageMiddleware` deliberately
    ignores the header (offices' browsers often say English); programs calling the
    API say what they want, so for them the header counts, then the web's language
    cookie. Calls from the web itself (session cookie, no token) speak the web's language.

    It also refuses a NUL character in the path or the query string (422), which no
    field may hold and PostgreSQL cannot store or even compare.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        language = None
        # The web's own calls (the session, no token) follow the web's language, whatever the
        # browser's header says; programs follow Accept-Language.
        from_web = (
            "Authorization" not in request.headers
            and settings.SESSION_COOKIE_NAME in request.COOKIES
        )
        header = "" if from_web else request.headers.get("Accept-Language", "")
        for code, _quality in parse_accept_lang_header(header):
            base = code.split("-")[0].lower()
            if base in self.available:
                language = base
                break
        if language is None:
            cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            language = cookie if cookie in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        query = unquote_to_bytes(request.META.get("QUERY_STRING", ""))
        if "\x00" in request.path or b"\x00" in query:
            body = {
                "code": "validation_error",
                "message": nul_message(),
                "details": [{"field": None, "row": None, "message": nul_message()}],
            }
            response = HttpResponse(
                json.dumps(body, ensure_ascii=False),
                status=422,
                content_type="application/json; charset=utf-8",
            )
        else:
            response = self.get_response(request)
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response
