"""The guide "Finn det som passer deg": five plain questions, one per page, leading to
offers that match and why. No diagnosis is asked.

The answers travel in the query string (GET forms, no session, no log-in), with the
same parameter names as the catalogue's filters where they mean the same thing, so the
result can be shared, bookmarked and opened in the full catalogue.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from catalogue.forms import (
    WANT_CHOICES,
    WEEKDAY_CHOICES,
    WEEKDAY_SLUGS,
    GuideAccessibilityForm,
    GuideDaysForm,
    GuideDistrictForm,
    GuideForm,
    GuideTransportForm,
    GuideWantForm,
)
from catalogue.models import AccessibilityFeature, Category, District, Offer, OpeningPeriod
from catalogue.views_pdf import offer_queryset_for_print, translated_texts

# What a person wants, as catalogue categories (slugs of catalogue.Category). Slugs
# that do not exist in this installation are skipped.
WANT_CATEGORIES = {
    "selskap": ["sosial"],
    "meningsfylt": ["arbeid", "laering", "kultur"],
    "fysisk": ["fysisk"],
    "avlastning": ["avlastning"],
}

MAX_RESULTS = 30
MAX_NEAR_MATCHES = 10


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type[GuideForm]
    question: str | Promise


STEPS = [
    Step("hva", GuideWantForm, gettext_lazy("Hva har du lyst på?")),
    Step("dager", GuideDaysForm, gettext_lazy("Hvilke dager passer for deg?")),
    Step("transport", GuideTransportForm, gettext_lazy("Trenger du transport til og fra?")),
    Step(
        "tilrettelegging",
        GuideAccessibilityForm,
        gettext_lazy("Trenger du noe tilrettelagt på stedet?"),
    ),
    Step("bydel", GuideDistrictForm, gettext_lazy("Hvor vil du at tilbudet skal være?")),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}
ANSWER_NAMES = [step.form_class.name for step in STEPS]


def answers_from(params: QueryDict) -> QueryDict:
    """The guide's answers in ``params``, unknown names dropped (values are checked by
    each step's form and by the result page)."""
    answers = QueryDict(mutable=True)
    for name in ANSWER_NAMES:
        # Short, printable values only (PostgreSQL refuses NUL bytes in queries).
        values = [
            value
            for value in params.getlist(name)[:20]
            if value and len(value) <= 60 and value.isprintable()
        ]
        if values:
            answers.setlist(name, values)
    return answers


def _step_url(step: Step, answers: QueryDict) -> str:
    url = reverse("catalogue:guide_step", kwargs={"step": step.slug})
    query = answers.urlencode()
    return f"{url}?{query}" if query else url


def _results_url(answers: QueryDict) -> str:
    url = reverse("catalogue:guide_results")
    query = answers.urlencode()
    return f"{url}?{query}" if query else url


@require_safe
def guide_start(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "catalogue/guide_start.html",
        {
            "first_step_url": _step_url(STEPS[0], answers_from(request.GET)),
            "step_count": len(STEPS),
        },
    )


@require_safe
def guide_step(request: HttpRequest, step: str) -> HttpResponse:
    current = STEP_BY_SLUG.get(step)
    if current is None:
        raise Http404("No such step")
    index = STEPS.index(current)
    answers = answers_from(request.GET)
    name = current.form_class.name
    if "svar" in request.GET:
        form = current.form_class(request.GET)
        if form.is_valid():
            value = form.cleaned_data[name]
            values = value if isinstance(value, list) else [value]
            answers.setlist(name, [v for v in values if v])
            if not answers.getlist(name):
                answers.pop(name, None)
            following = (
                _step_url(STEPS[index + 1], answers)
                if index + 1 < len(STEPS)
                else _results_url(answers)
            )
            return HttpResponseRedirect(following)
    else:
        initial_values = answers.getlist(name)
        multiple = isinstance(current.form_class.base_fields[name], forms.MultipleChoiceField)
        initial = {
            name: initial_values if multiple else (initial_values[0] if initial_values else None)
        }
        form = current.form_class(initial=initial)
    other_answers = answers.copy()
    other_answers.pop(name, None)
    back_url = _step_url(STEPS[index - 1], answers) if index > 0 else reverse("catalogue:guide")
    return render(
        request,
        "catalogue/guide_step.html",
        {
            "step": current,
            "number": index + 1,
            "step_count": len(STEPS),
            "form": form,
            "hidden_answers": [
                (key, value) for key in other_answers for value in other_answers.getlist(key)
            ],
            "back_url": back_url,
            "is_last": index + 1 == len(STEPS),
        },
    )


# --- results --------------------------------------------------------------------------


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

    def catalogue_query(self) -> str:
        """The same choice as filters for /tilbud/ (parameter names of catalogue.filters)."""
        pairs = [("kategori", slug) for slug in self.category_slugs]
        pairs += [("dag", WEEKDAY_SLUGS[day]) for day in self.weekdays]
        if self.transport:
            pairs.append(("transport", "1"))
        pairs += [("tilrettelegging", feature.slug) for feature in self.accessibility]
        pairs += [("bydel", district.slug) for district in self.districts]
        return urlencode(pairs)


def _weekday_names(days) -> str | Promise:
    names = [str(WEEKDAY_CHOICES[day][1]) for day in days]
    if len(names) <= 1:
        return "".join(names)
    return format_lazy("{} {} {}", ", ".join(names[:-1]), _("og"), names[-1])


def explain(offer: Offer, criteria: Criteria) -> tuple[list[str], list[str]]:
    """Why ``offer`` matches (reasons) and what it lacks (misses), in plain words."""
    reasons: list[str] = []
    misses: list[str] = []
    categories = [c for c in offer.categories.all() if c.slug in criteria.category_slugs]
    if categories:
        reasons.append(
            _("Passer for: %(categories)s") % {"categories": ", ".join(str(c) for c in categories)}
        )
    if criteria.weekdays:
        open_days = sorted(
            {p.weekday for p in offer.opening_periods.all()} & set(criteria.weekdays)
        )
        if open_days:
            reasons.append(_("Åpent %(days)s") % {"days": _weekday_names(open_days)})
        else:
            misses.append(_("Ikke åpent de dagene du valgte"))
    if criteria.transport:
        if offer.transport_offered:
            reasons.append(_("Transport tilbys"))
        else:
            misses.append(_("Transport tilbys ikke"))
    if criteria.accessibility:
        for feature in criteria.accessibility:
            if any(feature in location.accessibility.all() for location in offer.locations.all()):
                reasons.append(str(feature))
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


def _base_queryset(criteria: Criteria):
    queryset = offer_queryset_for_print()
    if criteria.category_slugs:
        queryset = queryset.filter(
            pk__in=Offer.categories.through.objects.filter(
                category__slug__in=criteria.category_slugs
            ).values("offer_id")
        )
    return queryset


def _strict(queryset, criteria: Criteria):
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


def _entries(offers, criteria: Criteria) -> list[dict]:
    entries = []
    for offer in offers:
        reasons, misses = explain(offer, criteria)
        entries.append(
            {"offer": offer, "t": translated_texts(offer), "reasons": reasons, "misses": misses}
        )
    return entries


@require_safe
def guide_results(request: HttpRequest) -> HttpResponse:
    answers = answers_from(request.GET)
    criteria = Criteria.from_answers(answers)
    base = _base_queryset(criteria)
    strict = _strict(base, criteria).order_by("title", "pk")
    total = strict.count()
    matches = list(strict[:MAX_RESULTS])
    near = []
    if len(matches) < 5:
        # Offers of the right kind that miss one of the other wishes: often still worth a call.
        near = list(
            base.exclude(pk__in=strict.values("pk")).order_by("title", "pk")[:MAX_NEAR_MATCHES]
        )
    query = criteria.catalogue_query()
    try:
        catalogue_url = reverse("catalogue:offer_list") + (f"?{query}" if query else "")
    except NoReverseMatch:
        catalogue_url = ""
    pdf_url = reverse("catalogue:catalogue_pdf") + (f"?{query}" if query else "")
    return render(
        request,
        "catalogue/guide_results.html",
        {
            "matches": _entries(matches, criteria),
            "near_matches": _entries(near, criteria),
            "total": total,
            "shown": len(matches),
            "catalogue_url": catalogue_url,
            "pdf_url": pdf_url,
            "change_url": _step_url(STEPS[0], answers),
            "summary": _answer_summary(criteria, answers),
            "wants": [str(label) for value, label in WANT_CHOICES if value in criteria.wants],
        },
    )


def _answer_summary(criteria: Criteria, answers: QueryDict) -> list[dict]:
    """What the person answered, each with a link back to that question."""
    items = [
        (
            STEPS[0],
            ", ".join(str(label) for value, label in WANT_CHOICES if value in criteria.wants)
            or _("Alt"),
        ),
        (STEPS[1], _weekday_names(criteria.weekdays) or _("Alle dager")),
        (STEPS[2], _("Ja") if criteria.transport else _("Nei")),
        (STEPS[3], ", ".join(str(f) for f in criteria.accessibility) or _("Ingenting spesielt")),
        (STEPS[4], ", ".join(str(d) for d in criteria.districts) or _("Hele kommunen")),
    ]
    return [
        {"question": step.question, "answer": answer, "url": _step_url(step, answers)}
        for step, answer in items
    ]
