"""Open data: the published catalogue as read-only JSON in Open Referral HSDS 3.0
(objects built in catalogue.hsds), with HSDS's API conventions. Documented in
catalogue/API.md and, machine-readably, in the OpenAPI document (catalogue.openapi) at
/api/v1/openapi.json.

Only published offers, their units and locations; the contact person's name is never
included (an offer's public phone and e-mail are).

Every answer under /api/ is JSON with ``Access-Control-Allow-Origin: *``, errors
included (400 for an unknown or malformed parameter, 404, 405), and so are redirects
and ``OPTIONS`` (CORS preflight). Paths answer with and without a trailing slash.
Successful answers carry an ``ETag`` and ``Last-Modified`` and answer conditional
requests with 304.
"""

import datetime
import hashlib
import time
import uuid
from functools import wraps

from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt

from catalogue import hsds, openapi, page_cache, params, search
from catalogue.models import (
    AccessibilityFeature,
    Category,
    District,
    Event,
    Language,
    Location,
    Offer,
    OpeningPeriod,
    Unit,
)
from catalogue.participation.hsds import coming_sessions
from catalogue.selectors import catalogue_version

CACHE_SECONDS = 60
# How long the time a response's content was first seen is remembered (Last-Modified).
SEEN_SECONDS = 7 * 24 * 3600
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
SEARCH_LIMIT = 200
ALLOWED_METHODS = "GET, HEAD, OPTIONS"


# --- Responses --------------------------------------------------------------------------


def _cors[R: HttpResponseBase](response: R) -> R:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Content-Language, Location"
    return response


def _json(data, status: int = 200) -> JsonResponse:
    return _cors(JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False}))


def _error(message: str, status: int) -> JsonResponse:
    return _json({"error": message}, status=status)


class BadRequest(Exception):
    pass


class NotFound(Exception):
    pass


def _preflight() -> HttpResponse:
    response = _cors(HttpResponse(status=204))
    response["Allow"] = ALLOWED_METHODS
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = (
        "Accept, Accept-Language, If-None-Match, If-Modified-Since"
    )
    response["Access-Control-Max-Age"] = "86400"
    return response


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """ETag (the content's hash) and Last-Modified (when this address, in this language,
    first gave this content), and 304 for a conditional request that matches."""
    if response.status_code != 200:
        return response
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    key = page_cache.cache_key(
        "api-seen", request.path, request.GET.urlencode(), get_language() or ""
    )
    seen = cache.get(key)
    if seen is None or seen[0] != etag:
        seen = (etag, int(time.time()))
        cache.set(key, seen, SEEN_SECONDS)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(seen[1])
    patch_vary_headers(response, ("Accept-Language",))
    conditional = get_conditional_response(
        request, etag=etag, last_modified=seen[1], response=response
    )
    return _cors(conditional if conditional is not None else response)


def endpoint(view):
    """An API view: GET and HEAD, OPTIONS for CORS, JSON errors for everything else."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _preflight()
        if request.method not in ("GET", "HEAD"):
            response = _error(f"method {request.method} not allowed; use GET", 405)
            response["Allow"] = ALLOWED_METHODS
            return response
        try:
            response = view(request, *args, **kwargs)
        except BadRequest as error:
            return _error(str(error), 400)
        except NotFound:
            return _error("not found", 404)
        return _conditional(request, _cors(response))

    return wrapper


@endpoint
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/."""
    raise NotFound


# --- Parameters -------------------------------------------------------------------------

PAGE_PARAMS: dict[str, params.Canonicaliser] = {
    "page": params.whole_number(),
    "per_page": params.whole_number(maximum=MAX_PER_PAGE),
}
SEARCH_PARAMS = {**PAGE_PARAMS, "search": params.text(SEARCH_LIMIT)}
SERVICE_PARAMS = {
    **SEARCH_PARAMS,
    "taxonomy_term_id": params.one,
    "taxonomy_id": params.one,
    "organization_id": params.one,
    "modified_after": params.one,
}
TERM_PARAMS = {**SEARCH_PARAMS, "taxonomy_id": params.one}
NO_PARAMS: dict[str, params.Canonicaliser] = {}


def check_known(request: HttpRequest, declared) -> None:
    """Refuse (400) any parameter the endpoint does not read; also used by the other
    open-data endpoints (referrals.volunteers.api)."""
    unknown = sorted(set(request.GET) - set(declared))
    if unknown:
        allowed = ", ".join(sorted(declared)) or "none"
        raise BadRequest(f"unknown parameter {unknown[0]!r}; this endpoint reads: {allowed}")


def _positive_int(query: QueryDict, name: str, default: int, maximum: int | None = None) -> int:
    raw = query.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"'{name}' must be a whole number") from None
    if value < 1:
        raise BadRequest(f"'{name}' must be 1 or more")
    return min(value, maximum) if maximum else value


def _uuid(query: QueryDict, name: str) -> uuid.UUID | None:
    raw = query.get(name)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadRequest(f"'{name}' must be a UUID") from None


def _modified_after(query: QueryDict) -> datetime.datetime | None:
    raw = query.get("modified_after")
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None and (day := parse_date(raw)) is not None:
            moment = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequest("'modified_after' must be an ISO 8601 date or date and time")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, hsds.OSLO)
    return moment


def paginated(query: QueryDict, items, serialise) -> JsonResponse:
    """HSDS API pagination: ?page=&per_page=; contents plus totals."""
    per_page = _positive_int(query, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    number = _positive_int(query, "page", 1)
    paginator = Paginator(items, per_page)
    try:
        contents = [serialise(item) for item in paginator.page(number).object_list]
    except EmptyPage:
        contents = []
    total_pages = paginator.num_pages if paginator.count else 0
    return _json(
        {
            "total_items": paginator.count,
            "total_pages": total_pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number >= total_pages,
            "empty": not contents,
            "contents": contents,
            "x_per_page": per_page,
        }
    )


def _cached(declared: dict[str, params.Canonicaliser]):
    """Refuse unknown parameters, and cache successful responses for CACHE_SECONDS.

    The view is called with the ``declared`` parameters only, canonicalised
    (catalogue.params), and the key is built from exactly what the response depends
    on: the path, those parameters, the language (labels are translated), the date
    (schedules and closures are of the coming months) and the catalogue's version,
    both the page cache's generation (any saved unit, location, taxonomy term …) and
    the database's catalogue_version() (any saved offer, in any process)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            check_known(request, declared)
            query = params.canonical(request.GET, declared)
            version = f"{page_cache.current_generation()}:{catalogue_version()}"
            key = page_cache.cache_key(
                "api",
                request.path.rstrip("/"),
                query.urlencode(),
                get_language() or "",
                timezone.localdate().isoformat(),
                version,
                *(str(value) for value in kwargs.values()),
            )
            content = cache.get(key)
            if content is not None:
                response = _json({})
                response.content = content
                return response
            response = view(request, query, *args, **kwargs)
            if response.status_code == 200:
                cache.set(key, response.content, CACHE_SECONDS)
            return response

        return wrapper

    return decorator


# --- Querysets: published offers only ---------------------------------------------------


def published_offers() -> QuerySet:
    return Offer.objects.published()


def public_units() -> QuerySet:
    return Unit.objects.filter(pk__in=published_offers().values("unit_id"))


def public_locations() -> QuerySet:
    return Location.objects.filter(
        pk__in=Offer.locations.through.objects.filter(offer__status=Offer.Status.PUBLISHED).values(
            "location_id"
        )
    )


def _services_queryset() -> QuerySet:
    return _schedules_queryset().prefetch_related("categories", "languages")


def _schedules_queryset() -> QuerySet:
    """Published offers with what their schedules need (catalogue.hsds.serialise_schedules):
    locations, opening periods, exceptions, coming events and coming sessions."""
    return (
        published_offers()
        .select_related("unit")
        .order_by("pk")
        .prefetch_related(
            Prefetch("locations", queryset=Location.objects.only("pk", "uuid")),
            Prefetch(
                "opening_periods", queryset=OpeningPeriod.objects.order_by("weekday", "opens")
            ),
            "schedule_exceptions",
            Prefetch(
                "events",
                queryset=Event.objects.filter(ends_at__gte=timezone.now()),
                to_attr="upcoming_events",
            ),
            Prefetch("sessions", queryset=coming_sessions(), to_attr="upcoming_sessions"),
        )
    )


def _locations_queryset() -> QuerySet:
    return (
        public_locations()
        .select_related("district", "unit")
        .prefetch_related("accessibility")
        .order_by("pk")
    )


# Which services a taxonomy's terms describe: the path from an offer to the term.
TERM_LINKS = {
    "category": "categories",
    "language": "languages",
    "district": "locations__district",
    "accessibility": "locations__accessibility",
}


def _find_term(term_id: uuid.UUID):
    for model in (Category, District, AccessibilityFeature, Language):
        term = model.objects.filter(uuid=term_id).first()
        if term is not None:
            return term
    return None


def _filter_services(queryset: QuerySet, query: QueryDict) -> QuerySet:
    """HSDS's service filters, combined with AND."""
    if (organization := _uuid(query, "organization_id")) is not None:
        queryset = queryset.filter(unit__uuid=organization)
    if (term_id := _uuid(query, "taxonomy_term_id")) is not None:
        term = _find_term(term_id)
        if term is None:
            return queryset.none()
        link = TERM_LINKS[hsds.TAXONOMY_OF_MODEL[type(term)].code]
        queryset = queryset.filter(pk__in=published_offers().filter(**{link: term}).values("pk"))
    if (taxonomy_id := _uuid(query, "taxonomy_id")) is not None:
        taxonomy = _taxonomy(str(taxonomy_id))
        if taxonomy is None:
            return queryset.none()
        link = TERM_LINKS[taxonomy.code]
        queryset = queryset.filter(
            pk__in=published_offers().filter(**{f"{link}__isnull": False}).values("pk")
        )
    if (moment := _modified_after(query)) is not None:
        queryset = queryset.filter(updated_at__gte=moment)
    if text := query.get("search"):
        matched = search.search(published_offers(), text).values("pk")
        queryset = queryset.filter(pk__in=matched)
    return queryset


def _taxonomy(taxonomy_id: str) -> hsds.Taxonomy | None:
    return next((t for t in hsds.TAXONOMIES.values() if t.id == taxonomy_id), None)


def _detail_id(pk: str) -> uuid.UUID | int:
    """A detail address's id: a UUID, or the integer id of before (redirected)."""
    if pk.isdecimal() and len(pk) <= 18:
        return int(pk)
    try:
        return uuid.UUID(pk)
    except ValueError:
        raise NotFound from None


def _moved(name: str, new_id) -> HttpResponse:
    """The integer ids of the first version of the API lead to the UUID addresses."""
    path = reverse(name, kwargs={"pk": str(new_id)})
    response = _json({"location": hsds.absolute(path)}, status=301)
    response["Location"] = path
    return response


def _matches(text: str, *values: str) -> bool:
    return any(text.casefold() in (value or "").casefold() for value in values)


# --- Views ---------------------------------------------------------------------------


@endpoint
def index(request: HttpRequest) -> JsonResponse:
    check_known(request, NO_PARAMS)
    names = {
        "services": "catalogue:api_services",
        "organizations": "catalogue:api_organizations",
        "locations": "catalogue:api_locations",
        "service_at_locations": "catalogue:api_service_at_locations",
        "schedules": "catalogue:api_schedules",
        "taxonomies": "catalogue:api_taxonomies",
        "taxonomy_terms": "catalogue:api_taxonomy_terms",
    }
    return _json(
        {
            "version": "3.0",
            "profile": "https://openreferral.org/",
            "openapi_url": hsds.absolute(reverse("catalogue:api_openapi")),
            "x_endpoints": {key: hsds.absolute(reverse(name)) for key, name in names.items()},
        }
    )


@endpoint
def openapi_document(request: HttpRequest) -> JsonResponse:
    check_known(request, NO_PARAMS)
    return _json(openapi.document())


@endpoint
@_cached(SEARCH_PARAMS)
def organizations(request: HttpRequest, query: QueryDict) -> JsonResponse:
    units = public_units().order_by("pk")
    if text := query.get("search"):
        units = units.filter(Q(name__icontains=text) | Q(description__icontains=text))
    return paginated(query, units, hsds.serialise_organization)


@endpoint
def organization_detail(request: HttpRequest, pk: str) -> HttpResponse:
    check_known(request, NO_PARAMS)
    key = _detail_id(pk)
    unit = public_units().filter(**{"pk" if isinstance(key, int) else "uuid": key}).first()
    if unit is None:
        raise NotFound
    if isinstance(key, int):
        return _moved("catalogue:api_organization", unit.uuid)
    return _json(hsds.serialise_organization(unit))


@endpoint
@_cached(SERVICE_PARAMS)
def services(request: HttpRequest, query: QueryDict) -> JsonResponse:
    return paginated(query, _filter_services(_services_queryset(), query), hsds.serialise_service)


@endpoint
def service_detail(request: HttpRequest, pk: str) -> HttpResponse:
    check_known(request, NO_PARAMS)
    key = _detail_id(pk)
    offer = _services_queryset().filter(**{"pk" if isinstance(key, int) else "uuid": key}).first()
    if offer is None:
        raise NotFound
    if isinstance(key, int):
        return _moved("catalogue:api_service", offer.uuid)
    return _json(hsds.serialise_service(offer, detail=True))


@endpoint
@_cached(PAGE_PARAMS)
def locations(request: HttpRequest, query: QueryDict) -> JsonResponse:
    return paginated(query, _locations_queryset(), hsds.serialise_location)


@endpoint
def location_detail(request: HttpRequest, pk: str) -> HttpResponse:
    check_known(request, NO_PARAMS)
    key = _detail_id(pk)
    location = (
        _locations_queryset().filter(**{"pk" if isinstance(key, int) else "uuid": key}).first()
    )
    if location is None:
        raise NotFound
    if isinstance(key, int):
        return _moved("catalogue:api_location", location.uuid)
    return _json(hsds.serialise_location(location))


def _service_locations(query: QueryDict) -> list[tuple]:
    offers = _filter_services(_services_queryset(), query)
    return [(offer, location) for offer in offers for location in offer.locations.all()]


@endpoint
@_cached(SERVICE_PARAMS)
def service_at_locations(request: HttpRequest, query: QueryDict) -> JsonResponse:
    return paginated(
        query,
        _service_locations(query),
        lambda pair: hsds.serialise_service_at_location(*pair),
    )


@endpoint
def service_at_location_detail(request: HttpRequest, pk: str) -> JsonResponse:
    check_known(request, NO_PARAMS)
    key = _detail_id(pk)
    for offer, location in _service_locations(QueryDict()):
        if str(key) == hsds.service_at_location_id(offer, location):
            location = _locations_queryset().get(pk=location.pk)
            schedules = [
                schedule
                for schedule in hsds.serialise_schedules(offer)
                if schedule.get("location_id", str(location.uuid)) == str(location.uuid)
            ]
            return _json(
                {
                    **hsds.serialise_service_at_location(offer, location),
                    "schedules": schedules,
                    "location": hsds.serialise_location(location),
                }
            )
    raise NotFound


@endpoint
@_cached(PAGE_PARAMS)
def schedules(request: HttpRequest, query: QueryDict) -> JsonResponse:
    """Every published offer's schedules (catalogue.hsds.serialise_schedules)."""
    today = timezone.localdate()
    items = [
        schedule
        for offer in _schedules_queryset()
        for schedule in hsds.serialise_schedules(offer, today)
    ]
    return paginated(query, items, lambda schedule: schedule)


@endpoint
@_cached(SEARCH_PARAMS)
def taxonomies(request: HttpRequest, query: QueryDict) -> JsonResponse:
    items = [hsds.serialise_taxonomy(taxonomy) for taxonomy in hsds.TAXONOMIES.values()]
    if text := query.get("search"):
        items = [item for item in items if _matches(text, item["name"], item["description"])]
    return paginated(query, items, lambda item: item)


@endpoint
def taxonomy_detail(request: HttpRequest, pk: str) -> JsonResponse:
    check_known(request, NO_PARAMS)
    taxonomy = _taxonomy(pk)
    if taxonomy is None:
        raise NotFound
    return _json(hsds.serialise_taxonomy(taxonomy))


def _terms(taxonomy_id: uuid.UUID | None) -> list:
    chosen = list(hsds.TAXONOMIES.values())
    if taxonomy_id is not None:
        chosen = [t for t in chosen if t.id == str(taxonomy_id)]
    return [term for taxonomy in chosen for term in taxonomy.model._default_manager.all()]


@endpoint
@_cached(TERM_PARAMS)
def taxonomy_terms(request: HttpRequest, query: QueryDict) -> JsonResponse:
    """The configurable lists (categories, districts, accessibility, languages)."""
    terms = _terms(_uuid(query, "taxonomy_id"))
    if text := query.get("search"):
        terms = [t for t in terms if _matches(text, t.name, t.name_nn, t.name_en, t.slug)]
    return paginated(query, terms, hsds.serialise_term)


@endpoint
def taxonomy_term_detail(request: HttpRequest, pk: str) -> JsonResponse:
    check_known(request, NO_PARAMS)
    try:
        term = _find_term(uuid.UUID(pk))
    except ValueError:
        term = None
    if term is None:
        raise NotFound
    return _json(hsds.serialise_term(term, detail=True))
