"""The guide's results, read from the answers (catalogue.views_guide asks the
questions): which offers match, in what order, why each one fits in one line, and
for a full offer or one that needs an application, what to do next.

Order: offers with free places first, then those whose places are not counted, and
full offers last; by title within each. A full offer stays in the results (it may be
just right, and one can wait for a place) but says "Fullt" and how to get on the
waiting list; an offer one applies for says "Krever søknad" and links to the
application.
"""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from catalogue.forms import WEEKDAY_CHOICES, WEEKDAY_SLUGS
from catalogue.models import AccessibilityFeature, Category, District, Offer, OpeningPeriod
from catalogue.offer_facts import (
    Line,
    Mark,
    application_url,
    contact_email,
    contact_phone,
    status_marks,
    tel_href,
)
from catalogue.views_pdf import offer_queryset_for_print, translated_texts

# What a person wants, as catalogue categories (slugs of catalogue.Category). Slugs
# that do not exist in this installation are skipped.
WANT_CATEGORIES = {
    "selskap": ["sosial"],
    "meningsfylt": ["arbeid", "laering", "kultur"],
    "fysisk": ["fysisk"],
    "avlastning": ["avlastning"],
}


@dataclass
class Criteria:
    """The answers, checked against what exists."""

    wants: list[str] = field(default_factory=list)
    category_slugs: list[str] = field(default_factory=list)
    weekdays: list[int] = field(default_factory=list)
    transport: bool = False
    accessibility: list[AccessibilityFeature] = field(default_factory=list)
    districts: list[District] = field(default_factory=list)

    @classmethod
    def from_answers(cls, answers: QueryDict) -> "Criteria":
        wants = [w for w in answers.getlist("onske") if w in WANT_CATEGORIES]
        wanted_slugs = {slug for want in wants for slug in WANT_CATEGORIES[want]}
        existing = set(
            Category.objects.filter(slug__in=wanted_slugs).values_list("slug", flat=True)
        )
        return cls(
            wants=wants,
            category_slugs=sorted(existing),
            weekdays=sorted(
                {WEEKDAY_SLUGS.index(d) for d in answers.getlist("dag") if d in WEEKDAY_SLUGS}
            ),
            transport=answers.get("transport") == "ja",
            accessibility=list(
                AccessibilityFeature.objects.filter(slug__in=answers.getlist("tilrettelegging"))
            ),
            districts=list(District.objects.filter(slug__in=answers.getlist("bydel"))),
        )


def join_words(words: list[str]) -> str:
    """ "a, b og c" in the active language."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {_('og')} {words[-1]}"


def weekday_names(days: list[int]) -> str:
    return join_words([str(WEEKDAY_CHOICES[day][1]) for day in days])


def _in_sentence(name: object) -> str:
    """A reason inside a sentence: "Sosialt fellesskap" → "sosialt fellesskap", "I Nord"
    → "i Nord", but "HC-toalett" stays as it is."""
    text = str(str(name))
    if text[:1].isupper() and not text[1:2].isupper():
        return text[0].lower() + text[1:]
    return text


def explain(offer: Offer, criteria: Criteria) -> tuple[list[str], list[str]]:
    """Why ``offer`` matches (reasons) and what it lacks (misses), in plain words."""
    reasons: list[str] = []
    misses: list[str] = []
    categories = [c for c in offer.categories.all() if c.slug in criteria.category_slugs]
    if categories:
        reasons.append(capfirst(join_words([_in_sentence(c) for c in categories])))
    if criteria.weekdays:
        open_days = sorted(
            {p.weekday for p in offer.opening_periods.all()} & set(criteria.weekdays)
        )
        if open_days:
            reasons.append(_("Åpent %(days)s") % {"days": weekday_names(open_days)})
        else:
            misses.append(_("Ikke åpent de dagene du valgte"))
    if criteria.transport:
        if offer.transport_offered:
            reasons.append(_("Transport tilbys"))
        else:
            misses.append(_("Transport tilbys ikke"))
    for feature in criteria.accessibility:
        if any(feature in location.accessibility.all() for location in offer.locations.all()):
            reasons.append(str(str(feature)))
        else:
            misses.append(_("Ikke oppgitt: %(feature)s") % {"feature": feature})
    if criteria.districts:
        places = [
            loc.district for loc in offer.locations.all() if loc.district in criteria.districts
        ]
        if places:
            reasons.append(_("I %(district)s") % {"district": places[0]})
        else:
            misses.append(_("Ligger i en annen bydel"))
    if offer.cost == Offer.Cost.FREE:
        reasons.append(_("Gratis"))
    return reasons, misses


def one_line(reasons: list[str]) -> str:
    """The reasons as one sentence: "Sosialt fellesskap, åpent tirsdag, transport
    tilbys og i Nord." """
    if not reasons:
        return _("Passer med svarene dine.")
    words = [reasons[0]] + [_in_sentence(reason) for reason in reasons[1:]]
    return capfirst(join_words(words)) + "."


def _contact_lines(offer: Offer) -> list[Line]:
    phone, email = contact_phone(offer), contact_email(offer)
    if phone:
        return [Line(_("Ring %(phone)s") % {"phone": phone}, href=tel_href(phone))]
    if email:
        return [Line(_("Send e-post til %(email)s") % {"email": email}, href=f"mailto:{email}")]
    return []


def next_steps(offer: Offer) -> tuple[str, list[Line]]:
    """What to do next about a full offer or one that needs an application: a sentence
    and the links to act on (apply, call). Nothing for an offer one just joins."""
    applies = offer.participation == Offer.Participation.APPLICATION
    url = application_url(offer) if applies else None
    apply = [Line(_("Søk om plass"), href=url)] if url else []
    if offer.is_full and applies:
        return (
            _("Det er fullt nå, men du kan søke og bli satt på venteliste."),
            apply or _contact_lines(offer),
        )
    if offer.is_full:
        return (
            _("Det er fullt nå. Ta kontakt for å stå på venteliste eller høre når det blir ledig."),
            _contact_lines(offer),
        )
    if applies:
        return (
            _("Du søker om plass, og kommunen svarer med et vedtak."),
            apply or _contact_lines(offer),
        )
    return "", []


@dataclass
class Suggestion:
    offer: Offer
    t: dict[str, str]
    reasons: list[str]
    misses: list[str]
    why: str
    marks: list[Mark]
    advice: str
    actions: list[Line]


def suggestions(offers, criteria: Criteria) -> list[Suggestion]:
    found = []
    for offer in offers:
        reasons, misses = explain(offer, criteria)
        advice, actions = next_steps(offer)
        found.append(
            Suggestion(
                offer=offer,
                t=translated_texts(offer),
                reasons=reasons,
                misses=misses,
                why=one_line(reasons),
                marks=status_marks(offer),
                advice=advice,
                actions=actions,
            )
        )
    return found


def ranked(queryset: QuerySet[Offer]) -> QuerySet[Offer]:
    """Free places first, then offers whose places are not counted, full ones last."""
    return queryset.annotate(
        availability=Case(
            When(places_available__gt=0, then=Value(0)),
            When(places_available__isnull=True, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("availability", "title", "pk")


def base_queryset(criteria: Criteria) -> QuerySet[Offer]:
    """Published offers of the kinds the person wants (all kinds if none exist)."""
    queryset = offer_queryset_for_print(upcoming=False)
    if criteria.category_slugs:
        queryset = queryset.filter(
            pk__in=Offer.categories.through.objects.filter(
                category__slug__in=criteria.category_slugs
            ).values("offer_id")
        )
    return queryset


def strict(queryset: QuerySet[Offer], criteria: Criteria) -> QuerySet[Offer]:
    """Those of ``queryset`` that meet every other answer."""
    if criteria.weekdays:
        queryset = queryset.filter(
            pk__in=OpeningPeriod.objects.filter(weekday__in=criteria.weekdays).values("offer_id")
        )
    if criteria.transport:
        queryset = queryset.filter(transport_offered=True)
    for feature in criteria.accessibility:
        queryset = queryset.filter(
            pk__in=Offer.locations.through.objects.filter(location__accessibility=feature).values(
                "offer_id"
            )
        )
    if criteria.districts:
        queryset = queryset.filter(
            pk__in=Offer.locations.through.objects.filter(
                location__district__in=criteria.districts
            ).values("offer_id")
        )
    return queryset
