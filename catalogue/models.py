"""The catalogue of activity offers, modelled after Open Referral HSDS in Django terms:
organisations (units) run services (offers) at locations on a schedule.

Texts a citizen reads are stored in bokmål with optional nynorsk and English versions
(see portal.translated.Translated).
"""

from datetime import date, timedelta
from typing import TYPE_CHECKING, Self
from uuid import uuid4

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.feedback.models import (  # noqa: F401 - Django finds the app's models here
    FeedbackAnswer,
    FeedbackInvitation,
)
from catalogue.reserved_slugs import RESERVED_MESSAGE, is_reserved
from catalogue.search_stats import SearchStat  # noqa: F401 - Django finds the app's models here
from catalogue.validators import validate_iso_639, validate_offer_image
from portal.phone import PhoneNumberField
from portal.translated import Translated

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from portal.models import User

REVIEW_INTERVAL_DAYS = 183  # "older than 6 months"

# Who may touch which unit's catalogue entries: the one rule the staff pages and the
# admin share (portal.admin_scoping). Administrators hold this permission (portal.roles)
# and manage every unit; everyone else manages only the units they work for.
MANAGE_ALL_UNITS = "catalogue.manage_all_units"


def manages_all_units(user: "User | AnonymousUser") -> bool:
    """True for those who manage every unit's offers, locations and reports."""
    return user.is_authenticated and user.is_active and user.has_perm(MANAGE_ALL_UNITS)


def open_data_id() -> models.UUIDField:
    """The object's id in the open data (catalogue.api, HSDS): a UUID given once, kept
    through renames and new slugs."""
    return models.UUIDField(_("fast id i åpne data"), default=uuid4, unique=True, editable=False)


class TaxonomyTerm(Translated):
    """A configurable list entry (district, accessibility feature, category, language)."""

    slug = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("navn (bokmål)"), max_length=120)
    name_nn = models.CharField(_("navn (nynorsk)"), max_length=120, blank=True)
    name_en = models.CharField(_("navn (engelsk)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    uuid = open_data_id()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.tr("name")


class District(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("bydel")
        verbose_name_plural = _("bydeler")


class AccessibilityFeature(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("tilrettelegging")
        verbose_name_plural = _("tilrettelegging")


class Category(TaxonomyTerm):
    """Social, occupational, physical, cultural, learning, respite for relatives."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("kategori")
        verbose_name_plural = _("kategorier")


class Language(TaxonomyTerm):
    """A language spoken at an offer. The slug is used in the list's filter addresses;
    ``code`` is its ISO 639 code for the open data (blank: the slug is the code)."""

    code = models.CharField(
        _("ISO 639-kode"),
        max_length=3,
        blank=True,
        validators=[validate_iso_639],
        help_text=_(
            "Språkkoden i åpne data, for eksempel «nb», «se» eller «nsl» for norsk "
            "tegnspråk. La stå tom når koden over er en ISO 639-kode."
        ),
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("språk")
        verbose_name_plural = _("språk")


class UnitQuerySet(models.QuerySet):
    def for_user(self, user):
        """The units a member of staff manages: every unit, or the units they work for."""
        if manages_all_units(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=user.units.values("pk"))


class Unit(Translated):
    """An organisation that runs offers: a municipal unit, a volunteer organisation or a
    private provider (HSDS: organization)."""

    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Kommunal enhet")
        VOLUNTEER = "volunteer", _("Frivillig organisasjon")
        PRIVATE = "private", _("Privat tilbyder")

    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("adresse i nettleseren (slug)"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPAL)
    description = models.TextField(_("beskrivelse (bokmål)"), blank=True)
    description_nn = models.TextField(_("beskrivelse (nynorsk)"), blank=True)
    description_en = models.TextField(_("beskrivelse (engelsk)"), blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = PhoneNumberField(_("telefon"), max_length=30, blank=True)
    website = models.URLField(_("nettside"), blank=True)
    uuid = open_data_id()
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["name"]
        permissions = [
            (
                "manage_all_units",
                _("Kan forvalte alle enheters steder, tilbud og feilmeldinger"),
            )
        ]

    def __str__(self) -> str:
        return self.name


class LocationQuerySet(models.QuerySet):
    def for_user(self, user):
        """The locations a member of staff may change: those of the units they manage."""
        if manages_all_units(user):
            return self.all()
        return self.filter(unit__in=Unit.objects.for_user(user).values("pk"))

    def attachable_by(self, user, *, offer=None):
        """The locations a member of staff may attach to an offer: their units' and the
        shared ones (no unit), and those already on the offer."""
        if manages_all_units(user):
            return self.all()
        condition = models.Q(unit__in=Unit.objects.for_user(user).values("pk")) | models.Q(
            unit__isnull=True
        )
        if offer is not None and offer.pk:
            condition |= models.Q(pk__in=offer.locations.values("pk"))
        return self.filter(condition)


class Location(Translated):
    """Where an offer takes place (HSDS: location + physical_address + accessibility)."""

    name = models.CharField(_("navn"), max_length=200)
    uuid = open_data_id()
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("enhet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
    )
    address = models.CharField(_("gateadresse"), max_length=200)
    postcode = models.CharField(_("postnummer"), max_length=4)
    place = models.CharField(_("poststed"), max_length=100)
    district = models.ForeignKey(
        District, verbose_name=_("bydel"), on_delete=models.PROTECT, related_name="locations"
    )
    latitude = models.DecimalField(
        _("breddegrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("lengdegrad"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    transport_note = models.TextField(_("kollektivtransport (bokmål)"), blank=True)
    transport_note_nn = models.TextField(_("kollektivtransport (nynorsk)"), blank=True)
    transport_note_en = models.TextField(_("kollektivtransport (engelsk)"), blank=True)
    accessibility = models.ManyToManyField(
        AccessibilityFeature,
        verbose_name=_("tilrettelegging"),
        blank=True,
        related_name="locations",
    )
    description = models.TextField(_("om stedet (bokmål)"), blank=True)
    description_nn = models.TextField(_("om stedet (nynorsk)"), blank=True)
    description_en = models.TextField(_("om stedet (engelsk)"), blank=True)

    objects = LocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("sted")
        verbose_name_plural = _("steder")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def full_address(self) -> str:
        return f"{self.address}, {self.postcode} {self.place}"


class OfferQuerySet(models.QuerySet["Offer"]):
    def published(self) -> Self:
        """What citizens may see: published offers only."""
        return self.filter(status=Offer.Status.PUBLISHED)

    def for_unit_leader(self, user: "User | AnonymousUser") -> Self:
        """Offers of the units a unit leader works for (whose applicants' cases they
        see, and whose reminders they get)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(unit__in=user.units.all())

    def for_user(self, user: "User | AnonymousUser") -> Self:
        """The offers a member of staff manages, on the staff pages and in the admin:
        every unit's, or those of the units they work for."""
        if manages_all_units(user):
            return self.all()
        return self.for_unit_leader(user)

    def needing_review(self, today: date | None = None) -> Self:
        today = today or timezone.localdate()
        cutoff = today - timedelta(days=REVIEW_INTERVAL_DAYS)
        return self.exclude(status=Offer.Status.ARCHIVED).filter(
            models.Q(last_reviewed__lt=cutoff) | models.Q(last_reviewed__isnull=True)
        )


class AppealBasis(models.TextChoices):
    """Which rule sets the appeal deadline for decisions on a service type."""

    HEALTH_CARE = (
        "pbrl-7-5",
        _("Helse- og omsorgstjeneste: 4 uker (pasient- og brukerrettighetsloven § 7-5)"),
    )
    ADMINISTRATIVE = "fvl-29", _("Annen tjeneste: 3 uker (forvaltningsloven § 29)")


APPEAL_WEEKS = {AppealBasis.HEALTH_CARE: 4, AppealBasis.ADMINISTRATIVE: 3}


class Question(models.TextChoices):
    """Extra questions on the need page that only some service types ask."""

    INTERESTS = "interests", _("Interesser")
    HOURS = "hours", _("Ønsket antall timer per uke")
    WORK = "work", _("Arbeidserfaring og mål")
    DEMENTIA = "dementia", _("Hukommelse og demens")


class ServiceType(Translated):
    """A service one applies for (day activity, støttekontakt, work and activity measures)."""

    slug = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("navn (bokmål)"), max_length=200)
    name_nn = models.CharField(_("navn (nynorsk)"), max_length=200, blank=True)
    name_en = models.CharField(_("navn (engelsk)"), max_length=200, blank=True)
    description = models.TextField(_("beskrivelse (bokmål)"), blank=True)
    description_nn = models.TextField(_("beskrivelse (nynorsk)"), blank=True)
    description_en = models.TextField(_("beskrivelse (engelsk)"), blank=True)
    legal_basis = models.TextField(
        _("hjemmel"),
        blank=True,
        help_text=_(
            "For eksempel helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6 bokstav b."
        ),
    )
    legal_basis_nn = models.TextField(_("hjemmel (nynorsk)"), blank=True)
    legal_basis_en = models.TextField(_("hjemmel (engelsk)"), blank=True)
    # Forvaltningsloven § 25 first paragraph: the reasons name the rules the decision
    # builds on and, unless the party knows them, give their content. Printed in the
    # decision letter under the citation.
    legal_basis_text = models.TextField(
        _("hjemmelens ordlyd (bokmål)"),
        blank=True,
        help_text=_("Teksten i lovbestemmelsen vedtaket bygger på, slik den står i loven."),
    )
    legal_basis_text_nn = models.TextField(_("hjemmelens ordlyd (nynorsk)"), blank=True)
    legal_basis_text_en = models.TextField(_("hjemmelens ordlyd (engelsk)"), blank=True)
    processing_days = models.PositiveSmallIntegerField(
        _("forventet saksbehandlingstid (dager)"), default=28
    )
    appeal_basis = models.CharField(
        _("grunnlag for klagefrist"),
        max_length=20,
        choices=AppealBasis.choices,
        default=AppealBasis.HEALTH_CARE,
    )
    questions = models.JSONField(
        _("tilleggsspørsmål"),
        default=list,
        blank=True,
        help_text=_(
            "Koder for tilleggsspørsmål på siden om behov: interests, hours, work, dementia."
        ),
    )
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    active = models.BooleanField(_("åpen for søknader"), default=True)
    kpr_code = models.CharField(
        _("tjenestekode i KPR"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                _("Bruk bare bokstavene a–z, tall, punktum, bindestrek og understrek."),
            )
        ],
        help_text=_(
            "Koden fagsystemet bruker for tjenesten i rapporteringen til KPR. "
            "Står feltet tomt, brukes «Kode» over."
        ),
    )
    # Pasient- og brukerrettighetsloven § 2-8 and helse- og omsorgstjenesteloven § 3-6:
    # a person with particularly heavy care work applies in their own right. The
    # applicant is the caregiver and the party; the person cared for is named in the
    # application (referrals.applications.caregiver).
    for_caregivers = models.BooleanField(
        _("søkeren er pårørende med omsorgsarbeid"),
        default=False,
        help_text=_(
            "Pårørendestøtte: den som har tyngende omsorgsarbeid søker selv og er part i "
            "saken (pasient- og brukerrettighetsloven § 2-8)."
        ),
    )
    requires_second_approval = models.BooleanField(
        _("krever godkjenning av en annen saksbehandler"),
        default=False,
        help_text=_(
            "Når dette er valgt, sendes vedtaket først til godkjenning (fire øyne). "
            "Brevet sendes når en annen saksbehandler har godkjent det."
        ),
    )

    class Meta:
        # The table keeps the name it got when the model lived in referrals.
        db_table = "referrals_servicetype"
        verbose_name = _("tjenestetype")
        verbose_name_plural = _("tjenestetyper")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.tr("name")

    @property
    def appeal_weeks(self) -> int:
        return APPEAL_WEEKS[AppealBasis(self.appeal_basis)]

    def asks(self, question: str) -> bool:
        return question in (self.questions or [])


class Offer(Translated):
    """An activity offer or a day-centre service (HSDS: service)."""

    class Participation(models.TextChoices):
        OPEN = "open", _("Åpent: bare møt opp")
        SIGNUP = "signup", _("Påmelding")
        APPLICATION = "application", _("Søknad")

    class Cost(models.TextChoices):
        FREE = "free", _("Gratis")
        PRICE = "price", _("Pris")
        EGENANDEL = "egenandel", _("Egenandel fastsatt i vedtaket")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        PUBLISHED = "published", _("Publisert")
        ARCHIVED = "archived", _("Arkivert")

    title = models.CharField(_("tittel (bokmål)"), max_length=200)
    title_nn = models.CharField(_("tittel (nynorsk)"), max_length=200, blank=True)
    title_en = models.CharField(_("tittel (engelsk)"), max_length=200, blank=True)
    slug = models.SlugField(_("adresse i nettleseren (slug)"), max_length=200, unique=True)
    uuid = open_data_id()
    summary = models.CharField(_("sammendrag (bokmål)"), max_length=300, help_text=_("Én setning."))
    summary_nn = models.CharField(_("sammendrag (nynorsk)"), max_length=300, blank=True)
    summary_en = models.CharField(_("sammendrag (engelsk)"), max_length=300, blank=True)
    description = models.TextField(_("beskrivelse (bokmål)"))
    description_nn = models.TextField(_("beskrivelse (nynorsk)"), blank=True)
    description_en = models.TextField(_("beskrivelse (engelsk)"), blank=True)
    # Lettlest: a short text in plain language, shown first on the offer page.
    easy_read = models.TextField(
        _("lettlest (bokmål)"),
        blank=True,
        help_text=_(
            "Valgfritt. Noen få korte setninger med vanlige ord: hva tilbudet er, hvem "
            "det er for og hvordan man blir med. Vises først på tilbudssiden."
        ),
    )
    easy_read_nn = models.TextField(_("lettlest (nynorsk)"), blank=True)
    easy_read_en = models.TextField(_("lettlest (engelsk)"), blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="offers"
    )
    locations = models.ManyToManyField(Location, verbose_name=_("steder"), related_name="offers")
    participation = models.CharField(
        _("hvordan delta"), max_length=20, choices=Participation.choices, default=Participation.OPEN
    )
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("tjenestetype"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
        help_text=_("For tilbud som krever søknad: tjenesten man søker om."),
    )
    signup_text = models.TextField(_("slik melder du deg på (bokmål)"), blank=True)
    signup_text_nn = models.TextField(_("slik melder du deg på (nynorsk)"), blank=True)
    signup_text_en = models.TextField(_("slik melder du deg på (engelsk)"), blank=True)
    categories = models.ManyToManyField(
        Category, verbose_name=_("kategorier"), related_name="offers"
    )
    suits = models.TextField(
        _("hvem det passer for (bokmål)"),
        help_text=_("Skriv om behov, ikke diagnoser: «For deg som ønsker selskap på dagtid»."),
    )
    suits_nn = models.TextField(_("hvem det passer for (nynorsk)"), blank=True)
    suits_en = models.TextField(_("hvem det passer for (engelsk)"), blank=True)
    age_min = models.PositiveSmallIntegerField(_("veiledende minstealder"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("veiledende høyeste alder"), null=True, blank=True)
    cost = models.CharField(_("kostnad"), max_length=20, choices=Cost.choices, default=Cost.FREE)
    price_text = models.CharField(_("pris (bokmål)"), max_length=200, blank=True)
    price_text_nn = models.CharField(_("pris (nynorsk)"), max_length=200, blank=True)
    price_text_en = models.CharField(_("pris (engelsk)"), max_length=200, blank=True)
    transport_offered = models.BooleanField(_("transport tilbys"), default=False)
    transport_text = models.TextField(_("om transport (bokmål)"), blank=True)
    transport_text_nn = models.TextField(_("om transport (nynorsk)"), blank=True)
    transport_text_en = models.TextField(_("om transport (engelsk)"), blank=True)
    meals_offered = models.BooleanField(_("måltid tilbys"), default=False)
    # Relief for relatives (helse- og omsorgstjenesteloven § 3-6 nr. 2): shown as a mark
    # on the offer and filtered with ?avlastning=1.
    counts_as_relief = models.BooleanField(
        _("gir avlastning for pårørende"),
        default=False,
        help_text=_("Tilbudet regnes som avlastning for pårørende med tyngende omsorgsarbeid."),
    )
    meals_text = models.TextField(_("om måltider (bokmål)"), blank=True)
    meals_text_nn = models.TextField(_("om måltider (nynorsk)"), blank=True)
    meals_text_en = models.TextField(_("om måltider (engelsk)"), blank=True)
    capacity_per_day = models.PositiveSmallIntegerField(_("plasser per dag"), null=True, blank=True)
    places_available = models.PositiveSmallIntegerField(
        _("ledige plasser"),
        null=True,
        blank=True,
        help_text=_("La stå tomt når det er ukjent; 0 viser tilbudet som fullt."),
    )
    volunteers_involved = models.BooleanField(_("frivillige deltar"), default=False)
    volunteer_text = models.TextField(_("slik blir du frivillig (bokmål)"), blank=True)
    volunteer_text_nn = models.TextField(_("slik blir du frivillig (nynorsk)"), blank=True)
    volunteer_text_en = models.TextField(_("slik blir du frivillig (engelsk)"), blank=True)
    languages = models.ManyToManyField(
        Language, verbose_name=_("språk som snakkes"), blank=True, related_name="offers"
    )
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_phone = PhoneNumberField(_("kontakttelefon"), max_length=30, blank=True)
    contact_email = models.EmailField(_("kontakt-e-post"), blank=True)
    image = models.ImageField(
        _("bilde"),
        upload_to="offers/",
        blank=True,
        validators=[validate_offer_image],
        help_text=_(
            "JPEG eller PNG, høyst 5 MB og 60 megapiksler. Beskriv bildet i feltene under."
        ),
    )
    image_alt = models.CharField(_("bildebeskrivelse (bokmål)"), max_length=300, blank=True)
    image_alt_nn = models.CharField(_("bildebeskrivelse (nynorsk)"), max_length=300, blank=True)
    image_alt_en = models.CharField(_("bildebeskrivelse (engelsk)"), max_length=300, blank=True)
    closed_on_public_holidays = models.BooleanField(_("stengt på helligdager"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    last_reviewed = models.DateField(_("sist gjennomgått"), null=True, blank=True)
    published_at = models.DateTimeField(_("først publisert"), null=True, blank=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True, db_index=True)
    # Weighted full-text document (title A, summary B, description and who it suits C,
    # the unit's name D) in the `norwegian` configuration. On PostgreSQL a trigger from
    # migration 0003 keeps it current on every insert and update, bulk ones included;
    # it stays empty on SQLite, where catalogue.search falls back to substring matching.
    search_vector = SearchVectorField(null=True, editable=False)
    # The folded words the search indexes, one line per weight (catalogue.search.index).
    search_terms = models.TextField(blank=True, default="", editable=False)
    search_index_version = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = OfferQuerySet.as_manager()

    # Not stored: set on each offer of the staff offer list (catalogue.views_staff): the
    # names of the texts that have no nynorsk version.
    missing_nynorsk: list[str]

    class Meta:
        verbose_name = _("tilbud")
        verbose_name_plural = _("tilbud")
        ordering = ["title"]
        permissions = [("publish_offer", _("Kan publisere og arkivere tilbud"))]
        indexes = [
            models.Index(fields=["status", "title"], name="offer_status_title_idx"),
            models.Index(fields=["status", "-updated_at"], name="offer_status_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(participation="application")
                | models.Q(service_type__isnull=False),
                name="offer_application_needs_service_type",
                violation_error_message=_("Et tilbud som krever søknad, må ha en tjenestetype."),
            ),
            models.CheckConstraint(
                condition=models.Q(image="") | ~models.Q(image_alt=""),
                name="offer_image_needs_alt_text",
                violation_error_message=_(
                    "Beskriv bildet for dem som ikke ser det (bildebeskrivelse på bokmål)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:offer_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if is_reserved(self.slug):
            raise ValidationError({"slug": RESERVED_MESSAGE % {"slug": self.slug}})

    @property
    def is_full(self) -> bool:
        return self.places_available == 0

    @property
    def places_from_capacity(self) -> bool:
        """Whether the free places are counted from the places given by decisions (an
        offer taking applications with its places per day set): ``places_available``
        is then kept current by referrals' capacity room, never typed in."""
        return (
            self.participation == Offer.Participation.APPLICATION
            and self.capacity_per_day is not None
        )

    @property
    def needs_review(self) -> bool:
        if self.last_reviewed is None:
            return True
        return (timezone.localdate() - self.last_reviewed).days > REVIEW_INTERVAL_DAYS


class OfferFormerSlug(models.Model):
    """A slug an offer had before, so that its old addresses (the calendar feed people
    subscribed to, the page others linked to) lead to it (catalogue.views_public)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(_("tidligere adresse (slug)"), max_length=200, unique=True)
    replaced_at = models.DateTimeField(_("endret"), default=timezone.now)

    class Meta:
        verbose_name = _("tidligere adresse for tilbud")
        verbose_name_plural = _("tidligere adresser for tilbud")

    def __str__(self) -> str:
        return self.slug


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("mandag")
    TUESDAY = 1, _("tirsdag")
    WEDNESDAY = 2, _("onsdag")
    THURSDAY = 3, _("torsdag")
    FRIDAY = 4, _("fredag")
    SATURDAY = 5, _("lørdag")
    SUNDAY = 6, _("søndag")


class OpeningPeriod(models.Model):
    """One weekly period (HSDS: regular_schedule). Several per day are allowed."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="opening_periods")
    location = models.ForeignKey(
        Location, verbose_name=_("sted"), on_delete=models.CASCADE, null=True, blank=True
    )
    weekday = models.PositiveSmallIntegerField(_("ukedag"), choices=Weekday.choices)
    opens = models.TimeField(_("fra"))
    closes = models.TimeField(_("til"))
    valid_from = models.DateField(_("gjelder fra"), null=True, blank=True)
    valid_until = models.DateField(_("gjelder til"), null=True, blank=True)

    class Meta:
        verbose_name = _("åpningstid")
        verbose_name_plural = _("åpningstider")
        ordering = ["weekday", "opens"]
        indexes = [models.Index(fields=["weekday", "offer"], name="opening_weekday_offer_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="opening_period_closes_after_opens",
                violation_error_message=_("Sluttidspunktet må være etter starttidspunktet."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class ScheduleException(Translated):
    """A named date when the offer is closed or has changed hours (HSDS: holiday_schedule)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="schedule_exceptions")
    date = models.DateField(_("dato"))
    closed = models.BooleanField(_("stengt"), default=True)
    opens = models.TimeField(_("fra"), null=True, blank=True)
    closes = models.TimeField(_("til"), null=True, blank=True)
    note = models.CharField(_("merknad (bokmål)"), max_length=200, blank=True)
    note_nn = models.CharField(_("merknad (nynorsk)"), max_length=200, blank=True)
    note_en = models.CharField(_("merknad (engelsk)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("avvik i åpningstid")
        verbose_name_plural = _("avvik i åpningstid")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.note}"


class Event(Translated):
    """A one-off date (a trip, a concert)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("tittel (bokmål)"), max_length=200)
    title_nn = models.CharField(_("tittel (nynorsk)"), max_length=200, blank=True)
    title_en = models.CharField(_("tittel (engelsk)"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    location = models.ForeignKey(
        Location, verbose_name=_("sted"), on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementer")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class OfferChange(models.Model):
    """Who changed what and when on an offer (shown on the staff edit page)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruker"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("handling"), max_length=60)  # e.g. "catalogue.offer.published"
    changed_fields = models.JSONField(_("endrede felt"), default=list, blank=True)
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)

    class Meta:
        verbose_name = _("endring av tilbud")
        verbose_name_plural = _("endringer av tilbud")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"


class ErrorReportQuerySet(models.QuerySet):
    def for_user(self, user):
        """The reports a member of staff handles: those about the offers they manage."""
        return self.filter(offer__in=Offer.objects.for_user(user).values("pk"))


class ErrorReport(models.Model):
    """A citizen's report of an error in a listing; the unit's leaders handle it."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="error_reports")
    message = models.TextField(_("hva er feil"))
    reporter_email = models.EmailField(_("e-post (valgfritt)"), blank=True)
    created_at = models.DateTimeField(_("mottatt"), default=timezone.now)
    handled_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandlet av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("feilmelding")
        verbose_name_plural = _("feilmeldinger")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.offer}: {self.message[:40]}"


# Cache invalidation only: the public pages are cached by the offer's ``updated_at``
# (catalogue.views_public), so a change to an offer's schedule, exceptions, events,
# locations or unit marks the offer as changed, wherever the change is made (admin,
# staff pages, shell). No other logic lives here.
@receiver([post_save, post_delete], sender=OpeningPeriod)
@receiver([post_save, post_delete], sender=ScheduleException)
@receiver([post_save, post_delete], sender=Event)
def _touch_offer(sender, instance, **kwargs) -> None:
    Offer.objects.filter(pk=instance.offer_id).update(updated_at=timezone.now())


@receiver(pre_save, sender=Offer)
def _remember_former_slug(sender, instance, raw=False, **kwargs) -> None:
    """An offer given a new slug keeps its old one as an OfferFormerSlug."""
    if raw or instance.pk is None:
        return
    old = Offer.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        OfferFormerSlug.objects.update_or_create(
            slug=old, defaults={"offer_id": instance.pk, "replaced_at": timezone.now()}
        )


@receiver(post_save, sender=Location)
def _touch_offers_at_location(sender, instance, **kwargs) -> None:
    Offer.objects.filter(pk__in=instance.offers.values("pk")).update(updated_at=timezone.now())


@receiver(post_save, sender=Unit)
def _touch_offers_of_unit(sender, instance, **kwargs) -> None:
    Offer.objects.filter(unit=instance).update(updated_at=timezone.now())


class SearchSynonym(models.Model):
    """A group of words and phrases that mean the same in a search ("trim, trening,
    mosjon"), added by staff to the shipped lexicon (catalogue.search.lexicon)."""

    terms = models.TextField(
        _("ord og uttrykk"),
        help_text=_(
            "Skill med komma, for eksempel «trim, trening, mosjon, fysisk aktivitet». "
            "Et søk på ett av dem finner tilbud med alle."
        ),
    )
    note = models.CharField(_("merknad"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    class Meta:
        verbose_name = _("søkeord med samme mening")
        verbose_name_plural = _("søkeord med samme mening")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms[:80]


# Participation (sessions and sign-ups) lives in its own sub-package; Django finds the
# app's models here.
from catalogue.participation.models import Session, SignUp  # noqa: E402, F401
