"""The catalogue's filters as GET parameters, so every result list can be shared as a link.

Parameter names are Norwegian and stable (the guide, the PDF brochure and the
municipality's main site build links with them):

=================  ==========================================================
``q``              free text (catalogue.search)
``kategori``       category slug, repeatable (any of them)
``bydel``          district slug, repeatable (any of them)
``dag``            weekday: mandag … sondag, repeatable (open on any of them)
``deltakelse``     open | signup | application, repeatable
``gratis``         1: free of charge only
``transport``      1: transport offered
``maltid``         1: meals offered
``tilrettelegging`` accessibility feature slug, repeatable (all of them)
``sprak``          language code, repeatable (any of them)
``ledig``          1: free places known to be available
``avlastning``     1: counts as relief for relatives (Offer.counts_as_relief)
``sortering``      relevans (default) | navn | oppdatert
=================  ==========================================================

Unknown values are dropped before the form sees them and listed in ``ignored`` so the
page can say what it left out; nothing a visitor types gives a server error.
"""

import threading

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Layout
from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, CharFilter, ChoiceFilter, FilterSet, MultipleChoiceFilter

from catalogue import params, search
from catalogue.models import Offer, OpeningPeriod
from catalogue.selectors import taxonomy_choices

WEEKDAYS = [
    ("mandag", _("mandag")),
    ("tirsdag", _("tirsdag")),
    ("onsdag", _("onsdag")),
    ("torsdag", _("torsdag")),
    ("fredag", _("fredag")),
    ("lordag", _("lørdag")),
    ("sondag", _("søndag")),
]
WEEKDAY_NUMBER = {slug: number for number, (slug, _label) in enumerate(WEEKDAYS)}

SORT_RELEVANCE, SORT_NAME, SORT_UPDATED = "relevans", "navn", "oppdatert"
SORT_CHOICES = [
    (SORT_RELEVANCE, _("Mest relevant")),
    (SORT_NAME, _("Navn (A–Å)")),
    (SORT_UPDATED, _("Sist oppdatert")),
]

FLAG_VALUES = {"1", "on", "true", "ja"}
# The parameters that search or order the list; every other one narrows it.
SEARCH_AND_ORDER = frozenset({"q", "sortering"})
# Shown at once (what most visitors ask: when, transport, free); the rest sit in a
# "More filters" <details> so the results are near the top on a phone.
MAIN_FIELDS = ("q", "dag", "transport", "gratis")
MORE_FIELDS = (
    "kategori",
    "bydel",
    "deltakelse",
    "maltid",
    "ledig",
    "avlastning",
    "tilrettelegging",
    "sprak",
)
MULTI_FIELDS = ("kategori", "bydel", "dag", "deltakelse", "tilrettelegging", "sprak")
FLAG_FIELDS = ("gratis", "transport", "maltid", "ledig", "avlastning")
# The filters whose choices come from the database (catalogue.selectors.taxonomy_choices).
TAXONOMY_FIELDS = ("kategori", "bydel", "tilrettelegging", "sprak")
_FORM_CLASSES: dict[tuple, type] = {}
_FORM_CLASSES_LOCK = threading.Lock()

# Every parameter OfferFilter reads, and how (catalogue.params): what the list's and
# the brochure's cache keys are built from, and all they pass on to OfferFilter.
PARAMS: dict[str, params.Canonicaliser] = {
    "q": params.text(search.MAX_QUERY_LENGTH),
    "sortering": params.one,
    **dict.fromkeys(MULTI_FIELDS, params.many),
    **dict.fromkeys(FLAG_FIELDS, params.one),
}


def _through_ids(relation, **lookups) -> QuerySet:
    """Offer ids from a many-to-many table: filtering with a subquery keeps each offer
    once without DISTINCT."""
    return relation.through.objects.filter(**lookups).values("offer_id")


class OfferFilter(FilterSet):
    q = CharFilter(
        label=_("Søk"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kategori = MultipleChoiceFilter(
        label=_("Kategori"), method="filter_categories", widget=forms.CheckboxSelectMultiple
    )
    dag = MultipleChoiceFilter(
        label=_("Åpent på"),
        choices=WEEKDAYS,
        method="filter_weekdays",
        widget=forms.CheckboxSelectMultiple,
    )
    bydel = MultipleChoiceFilter(
        label=_("Bydel"), method="filter_districts", widget=forms.CheckboxSelectMultiple
    )
    deltakelse = MultipleChoiceFilter(
        label=_("Slik deltar du"),
        choices=Offer.Participation.choices,
        field_name="participation",
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gratis = BooleanFilter(
        label=_("Gratis"), method="filter_free", widget=forms.CheckboxInput(attrs={"value": "1"})
    )
    transport = BooleanFilter(
        label=_("Transport tilbys"),
        method="filter_transport",
        widget=forms.CheckboxInput(attrs={"value": "1"}),
    )
    maltid = BooleanFilter(
        label=_("Måltid tilbys"),
        method="filter_meals",
        widget=forms.CheckboxInput(attrs={"value": "1"}),
    )
    ledig = BooleanFilter(
        label=_("Har ledige plasser"),
        method="filter_available",
        widget=forms.CheckboxInput(attrs={"value": "1"}),
    )
    avlastning = BooleanFilter(
        label=_("Gir avlastning for pårørende"),
        method="filter_relief",
        widget=forms.CheckboxInput(attrs={"value": "1"}),
    )
    tilrettelegging = MultipleChoiceFilter(
        label=_("Tilrettelegging"),
        method="filter_accessibility",
        widget=forms.CheckboxSelectMultiple,
    )
    sprak = MultipleChoiceFilter(
        label=_("Språk"), method="filter_languages", widget=forms.CheckboxSelectMultiple
    )
    sortering = ChoiceFilter(
        label=_("Sorter etter"), choices=SORT_CHOICES, method="filter_nothing", empty_label=None
    )

    class Meta:
        model = Offer
        fields: list[str] = []

    def __init__(
        self,
        data: QueryDict | None = None,
        queryset: QuerySet | None = None,
        *,
        choices: dict[str, list[tuple[str, str]]] | None = None,
        **kwargs,
    ):
        """``choices``: the taxonomies' choices (``selectors.taxonomy_choices()``, read
        when not given)."""
        choices = taxonomy_choices() if choices is None else choices
        self.ignored: list[tuple[str, str]] = []
        super().__init__(None, queryset=queryset, **kwargs)
        self.filters["kategori"].extra["choices"] = choices["category"]
        self.filters["bydel"].extra["choices"] = choices["district"]
        self.filters["tilrettelegging"].extra["choices"] = choices["accessibility"]
        self.filters["sprak"].extra["choices"] = choices["language"]
        if data is not None:
            self.data = self._clean_data(data)
            self.is_bound = True
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        more_in_use = self.is_bound and any(self.data.getlist(name) for name in MORE_FIELDS)
        helper.layout = Layout(
            *MAIN_FIELDS,
            HTML(
                format_html(
                    '<details class="ds-details catalogue__more"{}><summary>{}</summary>'
                    '<div class="catalogue__more-body">',
                    " open" if more_in_use else "",
                    _("Flere filtre"),
                )
            ),
            *MORE_FIELDS,
            HTML("</div></details>"),
            "sortering",
        )
        self.helper = helper

    def _clean_data(self, data: QueryDict) -> QueryDict:
        """Drop values that are not among a field's choices, remembering them."""
        cleaned = QueryDict(mutable=True)
        for name in MULTI_FIELDS:
            valid = {str(value) for value, _label in self.filters[name].extra["choices"]}
            for value in data.getlist(name)[: params.MAX_VALUES]:
                if value in valid:
                    if value not in cleaned.getlist(name):
                        cleaned.appendlist(name, value)
                elif value.strip():
                    self.ignored.append((str(self.filters[name].label), value[:60]))
        for name in FLAG_FIELDS:
            flag = data.get(name)
            if flag is None or flag == "":
                continue
            if flag.lower() in FLAG_VALUES:
                cleaned[name] = "1"
            else:
                self.ignored.append((str(self.filters[name].label), flag[:60]))
        query = (data.get("q") or "").replace("\x00", "").strip()
        if query:
            cleaned["q"] = query[: search.MAX_QUERY_LENGTH]
        sort = data.get("sortering")
        if sort in dict(SORT_CHOICES):
            cleaned["sortering"] = sort
        elif sort:
            self.ignored.append((str(self.filters["sortering"].label), sort[:60]))
        return cleaned

    def get_form_class(self):
        """django-filter builds a new form class, with new fields, for every filter set
        (every search); it depends only on the taxonomies' choices, so it is kept per
        process for the last few sets of them."""
        # A label's fallback mark (TranslatedText, shown with lang="nb") is part of it:
        # a name in nynorsk that reads as the bokmål one is not the bokmål name.
        key = tuple(
            tuple(
                (value, str(label), getattr(label, "fallback", False))
                for value, label in self.filters[name].extra["choices"]
            )
            for name in TAXONOMY_FIELDS
        )
        with _FORM_CLASSES_LOCK:
            form_class = _FORM_CLASSES.get(key)
        if form_class is None:
            form_class = super().get_form_class()
            with _FORM_CLASSES_LOCK:
                _FORM_CLASSES[key] = form_class
                while len(_FORM_CLASSES) > 8:
                    _FORM_CLASSES.pop(next(iter(_FORM_CLASSES)))
        return form_class

    @property
    def form(self):
        form = super().form
        form.helper = self.helper
        return form

    @property
    def sort(self) -> str:
        sort = self.data.get("sortering") if self.is_bound else None
        if sort not in dict(SORT_CHOICES):
            sort = SORT_RELEVANCE
        if sort == SORT_RELEVANCE and not self.query:
            return SORT_NAME
        return sort

    def without_search(self) -> QuerySet:
        """The queryset with every filter but the search: which offers the other filters
        keep, for a search ranked in Python (catalogue.selectors.search_page)."""
        queryset = self.queryset.all()
        if self.is_bound and self.is_valid():
            for name, value in self.form.cleaned_data.items():
                if name != "q":
                    queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_key(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The values of every filter in use but the search and the order, as a key:
        empty when only the search (or nothing) narrows the list."""
        if not self.is_bound:
            return ()
        return tuple(
            (name, tuple(sorted(values)))
            for name, values in sorted(self.data.lists())
            if name not in SEARCH_AND_ORDER and any(values)
        )

    @property
    def query(self) -> str:
        return (self.data.get("q") or "") if self.is_bound else ""

    # Filter methods: many-to-many conditions as subqueries, so no DISTINCT is needed.
    def filter_q(self, queryset, name, value):
        return search.search(queryset, value) if value else queryset

    def filter_categories(self, queryset, name, value):
        return (
            queryset.filter(pk__in=_through_ids(Offer.categories, category__slug__in=value))
            if value
            else queryset
        )

    def filter_languages(self, queryset, name, value):
        return (
            queryset.filter(pk__in=_through_ids(Offer.languages, language__slug__in=value))
            if value
            else queryset
        )

    def filter_districts(self, queryset, name, value):
        return (
            queryset.filter(
                pk__in=_through_ids(Offer.locations, location__district__slug__in=value)
            )
            if value
            else queryset
        )

    def filter_accessibility(self, queryset, name, value):
        for slug in value:  # every feature asked for, at one of the offer's locations
            queryset = queryset.filter(
                pk__in=_through_ids(Offer.locations, location__accessibility__slug=slug)
            )
        return queryset

    def filter_weekdays(self, queryset, name, value):
        if not value:
            return queryset
        numbers = [WEEKDAY_NUMBER[v] for v in value]
        return queryset.filter(
            pk__in=OpeningPeriod.objects.filter(weekday__in=numbers).values("offer_id")
        )

    def filter_free(self, queryset, name, value):
        return queryset.filter(cost=Offer.Cost.FREE) if value else queryset

    def filter_transport(self, queryset, name, value):
        return queryset.filter(transport_offered=True) if value else queryset

    def filter_meals(self, queryset, name, value):
        return queryset.filter(meals_offered=True) if value else queryset

    def filter_relief(self, queryset, name, value):
        return queryset.filter(counts_as_relief=True) if value else queryset

    def filter_available(self, queryset, name, value):
        return queryset.filter(Q(places_available__gt=0)) if value else queryset

    def filter_nothing(self, queryset, name, value):
        return queryset  # sorting is applied by catalogue.selectors.search_offers

    def active_filters(self) -> list[dict]:
        """Each value in use, with a link (query string) that removes just that value."""
        if not self.is_bound:
            return []
        active = []
        for name in ("q", *MULTI_FIELDS, *FLAG_FIELDS):
            field = self.filters[name]
            labels = dict(field.extra.get("choices", ()))
            for value in self.data.getlist(name):
                remaining = self.data.copy()
                remaining.setlist(name, [v for v in self.data.getlist(name) if v != value])
                remaining.pop("side", None)
                if name in FLAG_FIELDS:
                    text = str(field.label)
                elif name == "q":
                    text = f"«{value}»"
                else:
                    text = f"{field.label}: {labels.get(value, value)}"
                active.append(
                    {"name": name, "value": value, "label": text, "query": remaining.urlencode()}
                )
        return active
