"""Open data: the published catalogue as read-only JSON with Open Referral HSDS (3.0)
field names. Documented in catalogue/API.md.

Only published offers, their units and locations; the contact person's name is never
included (an offer's public phone and e-mail are). Texts are bokmål, with nynorsk and
English where written in ``x_translations``.
"""

from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, JsonResponse, QueryDict
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from catalogue import page_cache, params
from catalogue.models import Category, Language, Location, Offer, OpeningPeriod, Unit
from catalogue.selectors import catalogue_version, taxonomy_choices

CACHE_SECONDS = 60
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
# Ids are database integers; a larger number names nothing.
MAX_ID = 2**63 - 1
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
STATUS_ACTIVE = "active"


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


class BadRequest(Exception):
    pass


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


# The parameters every list reads (catalogue.params): its cache key is built from them.
PAGE_PARAMS: dict[str, params.Canonicaliser] = {
    "page": params.whole_number(),
    "per_page": params.whole_number(maximum=MAX_PER_PAGE),
}


def _paginated(query: QueryDict, queryset: QuerySet, serialise) -> JsonResponse:
    """HSDS API pagination: ?page=&per_page=; contents plus totals."""
    try:
        per_page = _positive_int(query, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
        number = _positive_int(query, "page", 1)
    except BadRequest as error:
        return _json({"error": str(error)}, status=400)
    paginator = Paginator(queryset, per_page)
    try:
        page = paginator.page(number)
        contents = [serialise(item) for item in page.object_list]
    except EmptyPage:
        contents = []
    total_pages = paginator.num_pages if paginator.count else 0
    return _json(
        {
            "total_items": paginator.count,
            "total_pages": total_pages,
            "page_number": number,
            "size": len(contents),
            "per_page": per_page,
            "first_page": number == 1,
            "last_page": number >= total_pages,
            "empty": not contents,
            "contents": contents,
        }
    )


def _translations(obj, **fields: str) -> dict:
    """{"nn": {"name": …}, "en": {…}} for the fields that have a translation."""
    result = {}
    for language in ("nn", "en"):
        texts = {key: getattr(obj, f"{field}_{language}") for key, field in fields.items()}
        texts = {key: value for key, value in texts.items() if value}
        if texts:
            result[language] = texts
    return result


# --- Querysets: published offers only ---------------------------------------------


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


def public_periods() -> QuerySet:
    return OpeningPeriod.objects.filter(offer__status=Offer.Status.PUBLISHED)


# --- Serialisers ----------------------------------------------------------------------


def serialise_organization(unit: Unit) -> dict:
    return {
        "id": str(unit.pk),
        "name": unit.name,
        "alternate_name": None,
        "description": unit.description,
        "email": unit.email or None,
        "website": unit.website or None,
        "phones": [{"number": unit.phone}] if unit.phone else [],
        "x_kind": unit.kind,
        "x_translations": _translations(unit, description="description"),
    }


def serialise_schedule(period: OpeningPeriod) -> dict:
    return {
        "id": str(period.pk),
        "service_id": str(period.offer_id),
        "location_id": str(period.location_id) if period.location_id else None,
        "valid_from": period.valid_from.isoformat() if period.valid_from else None,
        "valid_to": period.valid_until.isoformat() if period.valid_until else None,
        "freq": "WEEKLY",
        "interval": 1,
        "byday": BYDAY[period.weekday],
        "opens_at": period.opens.strftime("%H:%M"),
        "closes_at": period.closes.strftime("%H:%M"),
        "timezone": "Europe/Oslo",
    }


def _term(term, vocabulary: str) -> dict:
    return {
        "id": f"{vocabulary}:{term.slug}",
        "code": term.slug,
        "name": term.name,
        "vocabulary": vocabulary,
    }


def serialise_service(offer: Offer) -> dict:
    fee_texts: dict[str, str] = {
        Offer.Cost.FREE: "Gratis",
        Offer.Cost.EGENANDEL: "Egenandel fastsatt i vedtak",
    }
    fees = fee_texts.get(offer.cost, "")
    if offer.price_text:
        fees = f"{fees} – {offer.price_text}" if fees else offer.price_text
    return {
        "id": str(offer.pk),
        "organization_id": str(offer.unit_id),
        "name": offer.title,
        "alternate_name": None,
        "description": offer.description,
        "url": offer.get_absolute_url(),
        "email": offer.contact_email or None,
        "status": STATUS_ACTIVE,
        "interpretation_services": None,
        "application_process": offer.signup_text or offer.get_participation_display(),
        "fees_description": fees,
        "eligibility_description": offer.suits,
        "minimum_age": offer.age_min,
        "maximum_age": offer.age_max,
        "last_modified": offer.updated_at.isoformat(),
        "phones": [{"number": offer.contact_phone}] if offer.contact_phone else [],
        "languages": [
            {"code": language.slug, "name": language.name} for language in offer.languages.all()
        ],
        "service_at_locations": [
            {
                "id": f"{offer.pk}-{location.pk}",
                "service_id": str(offer.pk),
                "location_id": str(location.pk),
            }
            for location in offer.locations.all()
        ],
        "schedules": [serialise_schedule(period) for period in offer.opening_periods.all()],
        "attributes": [
            {"taxonomy_term": _term(category, "category")} for category in offer.categories.all()
        ],
        "x_summary": offer.summary,
        "x_participation": offer.participation,
        "x_cost": offer.cost,
        "x_transport_offered": offer.transport_offered,
        "x_meals_offered": offer.meals_offered,
        "x_capacity_per_day": offer.capacity_per_day,
        "x_places_available": offer.places_available,
        "x_volunteers_involved": offer.volunteers_involved,
        "x_closed_on_public_holidays": offer.closed_on_public_holidays,
        "x_last_reviewed": offer.last_reviewed.isoformat() if offer.last_reviewed else None,
        "x_translations": _translations(
            offer,
            name="title",
            description="description",
            x_summary="summary",
            eligibility_description="suits",
        ),
    }


def serialise_location(location: Location) -> dict:
    return {
        "id": str(location.pk),
        "organization_id": str(location.unit_id) if location.unit_id else None,
        "location_type": "physical",
        "name": location.name,
        "description": location.description,
        "transportation": location.transport_note,
        "latitude": float(location.latitude) if location.latitude is not None else None,
        "longitude": float(location.longitude) if location.longitude is not None else None,
        "addresses": [
            {
                "address_type": "physical",
                "address_1": location.address,
                "city": location.place,
                "postal_code": location.postcode,
                "region": location.district.name,
                "state_province": "",
                "country": "NO",
            }
        ],
        "accessibility": [
            {"description": feature.name, "details": feature.slug}
            for feature in location.accessibility.all()
        ],
        "x_district": {"code": location.district.slug, "name": location.district.name},
        "x_translations": _translations(
            location, description="description", transportation="transport_note"
        ),
    }


def _services_queryset() -> QuerySet:
    return (
        published_offers()
        .order_by("pk")
        .prefetch_related(
            Prefetch("locations", queryset=Location.objects.only("pk")),
            Prefetch("categories", queryset=Category.objects.all()),
            Prefetch("languages", queryset=Language.objects.all()),
            Prefetch(
                "opening_periods", queryset=OpeningPeriod.objects.order_by("weekday", "opens")
            ),
        )
    )


def _locations_queryset() -> QuerySet:
    return (
        public_locations()
        .select_related("district")
        .prefetch_related("accessibility")
        .order_by("pk")
    )


# --- Views -------------------------------------------------------------------------


def _with_errors(view):
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return _json({"error": "not found"}, status=404)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return require_safe(wrapper)


def _cached(declared: dict[str, params.Canonicaliser]):
    """Cache successful list responses for CACHE_SECONDS.

    The view is called with the ``declared`` parameters only, canonicalised
    (catalogue.params), and the key is built from exactly what the response depends
    on: the path, those parameters, the language (labels such as the participation
    are translated) and the catalogue's version, both the page cache's generation
    (any saved unit, location, taxonomy term …) and the database's
    catalogue_version() (any saved offer, in any process). Other parameters change
    neither the key nor the response."""

    def decorator(view):
        def wrapper(request, *args, **kwargs):
            query = params.canonical(request.GET, declared)
            version = f"{page_cache.current_generation()}:{catalogue_version()}"
            key = page_cache.cache_key(
                "api", request.path, query.urlencode(), get_language() or "", version
            )
            content = cache.get(key)
            if content is not None:
                response = JsonResponse({}, json_dumps_params={"ensure_ascii": False})
                response.content = content
                response["Access-Control-Allow-Origin"] = "*"
                return response
            response = view(request, query, *args, **kwargs)
            if response.status_code == 200:
                cache.set(key, response.content, CACHE_SECONDS)
            return response

        wrapper.__name__ = view.__name__
        wrapper.__doc__ = view.__doc__
        return wrapper

    return decorator


@_with_errors
def index(request: HttpRequest) -> JsonResponse:
    return _json(
        {
            "version": "3.0",
            "profile": "https://openreferral.org/",
            "openapi_url": None,
            "documentation": "catalogue/API.md",
            "endpoints": {
                "organizations": reverse("catalogue:api_organizations"),
                "services": reverse("catalogue:api_services"),
                "locations": reverse("catalogue:api_locations"),
                "schedules": reverse("catalogue:api_schedules"),
                "taxonomy_terms": reverse("catalogue:api_taxonomy_terms"),
            },
        }
    )


@_with_errors
@_cached(PAGE_PARAMS)
def organizations(request: HttpRequest, query: QueryDict) -> JsonResponse:
    return _paginated(query, public_units().order_by("pk"), serialise_organization)


@_with_errors
def organization_detail(request: HttpRequest, pk: int) -> JsonResponse:
    unit = public_units().filter(pk=pk).first()
    if unit is None:
        raise Http404
    return _json(serialise_organization(unit))


@_with_errors
@_cached({**PAGE_PARAMS, "organization_id": params.whole_number()})
def services(request: HttpRequest, query: QueryDict) -> JsonResponse:
    queryset = _services_queryset()
    organization_id = query.get("organization_id")
    if organization_id:
        if not organization_id.isdecimal():
            return _json({"error": "'organization_id' must be a whole number"}, status=400)
        # A number too large for an id names no unit (and must not reach the database).
        too_large = len(organization_id) > len(str(MAX_ID)) or int(organization_id) > MAX_ID
        queryset = queryset.none() if too_large else queryset.filter(unit_id=int(organization_id))
    return _paginated(query, queryset, serialise_service)


@_with_errors
def service_detail(request: HttpRequest, pk: int) -> JsonResponse:
    offer = _services_queryset().filter(pk=pk).first()
    if offer is None:
        raise Http404
    return _json(serialise_service(offer))


@_with_errors
@_cached(PAGE_PARAMS)
def locations(request: HttpRequest, query: QueryDict) -> JsonResponse:
    return _paginated(query, _locations_queryset(), serialise_location)


@_with_errors
def location_detail(request: HttpRequest, pk: int) -> JsonResponse:
    location = _locations_queryset().filter(pk=pk).first()
    if location is None:
        raise Http404
    return _json(serialise_location(location))


@_with_errors
@_cached(PAGE_PARAMS)
def schedules(request: HttpRequest, query: QueryDict) -> JsonResponse:
    return _paginated(
        query, public_periods().order_by("offer_id", "weekday", "opens", "pk"), serialise_schedule
    )


@_with_errors
def taxonomy_terms(request: HttpRequest) -> JsonResponse:
    """The configurable lists (categories, districts, accessibility, languages)."""
    contents = [
        {"id": f"{vocabulary}:{slug}", "code": slug, "name": name, "vocabulary": vocabulary}
        for vocabulary, terms in taxonomy_choices().items()
        for slug, name in terms
    ]
    return _json(
        {
            "total_items": len(contents),
            "total_pages": 1,
            "page_number": 1,
            "size": len(contents),
            "first_page": True,
            "last_page": True,
            "empty": not contents,
            "contents": contents,
        }
    )
