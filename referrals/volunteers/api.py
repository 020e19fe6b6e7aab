"""Open data: the public, active volunteer roles as read-only JSON at
``/api/v1/volunteer-roles`` (documented in catalogue/API.md, "Volunteer roles").

Only what /frivillig/ shows of a role: title, description, when, kind, unit, district
and interests. Never a helper, an enrolment or a help request (those are personal data).
The conventions are the catalogue API's (catalogue.api ``endpoint``): JSON errors (400
for an unknown or malformed parameter), CORS, ETag and Last-Modified with 304, GET,
HEAD and OPTIONS only.
"""

from collections.abc import Callable
from typing import cast

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.utils import translation

from catalogue import params
from catalogue.api import (
    PAGE_PARAMS,
    BadRequest,
    check_known,
    endpoint,
    paginated,
)
from catalogue.models import District
from portal.translated import SOURCE_LANGUAGE, TRANSLATIONS
from referrals.volunteers import selectors
from referrals.volunteers.models import Interest, RoleKind, VolunteerRole

LANGUAGES = (SOURCE_LANGUAGE, *TRANSLATIONS)
ROLE_PARAMS: dict[str, params.Canonicaliser] = {**PAGE_PARAMS, "language": params.one}
TEXT_FIELDS = ("title", "description", "time_description")


def _language(query: QueryDict) -> str:
    """``?language=nb|nn|en``; without it the reader's language (Accept-Language or the
    language cookie), as for the catalogue API's labels."""
    raw = query.get("language")
    if raw is None:
        current = (translation.get_language() or SOURCE_LANGUAGE)[:2]
        return current if current in LANGUAGES else SOURCE_LANGUAGE
    if raw not in LANGUAGES:
        raise BadRequest(f"'language' must be one of: {', '.join(LANGUAGES)}")
    return raw


def _term(term: District | Interest) -> dict[str, str]:
    return {"code": term.slug, "name": str(term.tr("name"))}


def serialise(role: VolunteerRole) -> dict[str, object]:
    """One role, in the active language (texts not written in it are in bokmål, as
    ``x_language`` says per field); every written version in ``translations``."""
    data: dict[str, object] = {"id": role.pk}
    languages: dict[str, str] = {}
    for field in TEXT_FIELDS:
        text = role.tr(field)
        if text:
            data[field] = str(text)
            languages[field] = text.lang
    data["x_language"] = languages
    data["kind"] = {"code": role.kind, "name": str(RoleKind(role.kind).label)}
    data["unit"] = {"name": role.unit.name}
    if role.district is not None:
        data["district"] = _term(role.district)
    data["interests"] = [_term(interest) for interest in role.interests.all()]
    translations: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        suffix = "" if language == SOURCE_LANGUAGE else f"_{language}"
        texts = {field: getattr(role, field + suffix) for field in TEXT_FIELDS}
        texts = {field: text for field, text in texts.items() if text}
        if texts:
            translations[language] = texts
    data["translations"] = translations
    return data


def _volunteer_roles(request: HttpRequest) -> JsonResponse:
    check_known(request, ROLE_PARAMS)
    query = params.canonical(request.GET, ROLE_PARAMS)
    language = _language(query)
    with translation.override(language):
        response = paginated(query, selectors.public_roles(), serialise)
    response["Content-Language"] = language
    return response


# catalogue.api's ``endpoint`` is untyped; this room is type-checked strictly.
_View = Callable[[HttpRequest], HttpResponse]
volunteer_roles = cast(Callable[[_View], _View], endpoint)(_volunteer_roles)
