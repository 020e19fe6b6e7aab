"""The guide "Finn det som passer deg": five plain questions, one per page, leading to
offers that match and why. No diagnosis is asked.

The answers travel in the query string (GET forms, no session, no log-in), with the
same parameter names as the catalogue's filters where they mean the same thing, so the
result can be shared, bookmarked and opened in the full catalogue.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from catalogue import guide
from catalogue.forms import (
    WANT_CHOICES,
    WEEKDAY_SLUGS,
    GuideAccessibilityForm,
    GuideDaysForm,
    GuideDistrictForm,
    GuideForm,
    GuideTransportForm,
    GuideWantForm,
)
from catalogue.guide import Criteria

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


def catalogue_query(criteria: Criteria) -> str:
    """The same choice as filters for /tilbud/ (parameter names of catalogue.filters)."""
    pairs = [("kategori", slug) for slug in criteria.category_slugs]
    pairs += [("dag", WEEKDAY_SLUGS[day]) for day in criteria.weekdays]
    if criteria.transport:
        pairs.append(("transport", "1"))
    pairs += [("tilrettelegging", feature.slug) for feature in criteria.accessibility]
    pairs += [("bydel", district.slug) for district in criteria.districts]
    return urlencode(pairs)


@require_safe
def guide_results(request: HttpRequest) -> HttpResponse:
    answers = answers_from(request.GET)
    criteria = Criteria.from_answers(answers)
    base = guide.base_queryset(criteria)
    strict = guide.strict(base, criteria)
    total = strict.count()
    matches = list(guide.ranked(strict)[:MAX_RESULTS])
    near = []
    if len(matches) < 5:
        # Offers of the right kind that miss one of the other wishes: often still worth a call.
        near = list(guide.ranked(base.exclude(pk__in=strict.values("pk")))[:MAX_NEAR_MATCHES])
    query = catalogue_query(criteria)
    try:
        catalogue_url = reverse("catalogue:offer_list") + (f"?{query}" if query else "")
    except NoReverseMatch:
        catalogue_url = ""
    pdf_url = reverse("catalogue:catalogue_pdf") + (f"?{query}" if query else "")
    return render(
        request,
        "catalogue/guide_results.html",
        {
            "matches": guide.suggestions(matches, criteria),
            "near_matches": guide.suggestions(near, criteria),
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
        (STEPS[1], guide.weekday_names(criteria.weekdays) or _("Alle dager")),
        (STEPS[2], _("Ja") if criteria.transport else _("Nei")),
        (STEPS[3], ", ".join(str(f) for f in criteria.accessibility) or _("Ingenting spesielt")),
        (STEPS[4], ", ".join(str(d) for d in criteria.districts) or _("Hele kommunen")),
    ]
    return [
        {"question": step.question, "answer": answer, "url": _step_url(step, answers)}
        for step, answer in items
    ]
