"""The catalogue of activity offers, modelled after Open Referral HSDS in Django terms:
organisations (units) run services (offers) at locations on a schedule.

Texts a citizen reads are stored in bokmål with optional nynorsk and English versions
(see portal.translated.Translated).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.translated import Translated

REVIEW_INTERVAL_DAYS = 183  # "older than 6 months"


class TaxonomyTerm(Translated):
    """A configurable list entry (district, accessibility feature, category, language)."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (bokmål)"), max_length=120)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.tr("name")


class District(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class AccessibilityFeature(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("accessibility feature")
        verbose_name_plural = _("accessibility features")


class Category(TaxonomyTerm):
    """Social, occupational, physical, cultural, learning, respite for relatives."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class Language(TaxonomyTerm):
    """A language spoken at an offer (slug is the ISO 639-1 code)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class Unit(Translated):
    """An organisation that runs offers: a municipal unit, a volunteer organisation or a
    private provider (HSDS: organization)."""

    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal unit")
        VOLUNTEER = "volunteer", _("Volunteer organisation")
        PRIVATE = "private", _("Private provider")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPAL)
    description = models.TextField(_("description (bokmål)"), blank=True)
    description_nn = models.TextField(_("description (nynorsk)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(Translated):
    """Where an offer takes place (HSDS: location + physical_address + accessibility)."""

    name = models.CharField(_("name"), max_length=200)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.SET_NULL, null=True, blank=True, related_name="locations"
    )
    address = models.CharField(_("street address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=4)
    place = models.CharField(_("place"), max_length=100)
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="locations"
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    transport_note = models.TextField(_("public transport (bokmål)"), blank=True)
    transport_note_nn = models.TextField(_("public transport (nynorsk)"), blank=True)
    transport_note_en = models.TextField(_("public transport (English)"), blank=True)
    accessibility = models.ManyToManyField(
        AccessibilityFeature, verbose_name=_("accessibility features"), blank=True, related_name="locations"
    )
    description = models.TextField(_("about the location (bokmål)"), blank=True)
    description_nn = models.TextField(_("about the location (nynorsk)"), blank=True)
    description_en = models.TextField(_("about the location (English)"), blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def full_address(self) -> str:
        return f"{self.address}, {self.postcode} {self.place}"


class OfferQuerySet(models.QuerySet):
    def published(self):
        """What citizens may see: published offers only."""
        return self.filter(status=Offer.Status.PUBLISHED)

    def for_unit_leader(self, user):
        """Offers of the units a unit leader works for."""
        return self.filter(unit__in=user.units.all())

    def needing_review(self, today=None):
        today = today or timezone.localdate()
        cutoff = today - timezone.timedelta(days=REVIEW_INTERVAL_DAYS)
        return self.exclude(status=Offer.Status.ARCHIVED).filter(
            models.Q(last_reviewed__lt=cutoff) | models.Q(last_reviewed__isnull=True)
        )


class Offer(Translated):
    """An activity offer or a day-centre service (HSDS: service)."""

    class Participation(models.TextChoices):
        OPEN = "open", _("Open: just come")
        SIGNUP = "signup", _("Sign-up")
        APPLICATION = "application", _("By application")

    class Cost(models.TextChoices):
        FREE = "free", _("Free")
        PRICE = "price", _("Price")
        EGENANDEL = "egenandel", _("Co-payment (egenandel) set in the decision")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title (bokmål)"), max_length=200)
    title_nn = models.CharField(_("title (nynorsk)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary (bokmål)"), max_length=300, help_text=_("One sentence."))
    summary_nn = models.CharField(_("summary (nynorsk)"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    description = models.TextField(_("description (bokmål)"))
    description_nn = models.TextField(_("description (nynorsk)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="offers")
    locations = models.ManyToManyField(Location, verbose_name=_("locations"), related_name="offers")
    participation = models.CharField(
        _("how to take part"), max_length=20, choices=Participation.choices, default=Participation.OPEN
    )
    service_type = models.ForeignKey(
        "referrals.ServiceType",
        verbose_name=_("service type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
        help_text=_("For offers by application: the service one applies for."),
    )
    signup_text = models.TextField(_("how to sign up (bokmål)"), blank=True)
    signup_text_nn = models.TextField(_("how to sign up (nynorsk)"), blank=True)
    signup_text_en = models.TextField(_("how to sign up (English)"), blank=True)
    categories = models.ManyToManyField(Category, verbose_name=_("categories"), related_name="offers")
    suits = models.TextField(
        _("who it suits (bokmål)"),
        help_text=_("Written as needs, not diagnoses: “For deg som ønsker selskap på dagtid”."),
    )
    suits_nn = models.TextField(_("who it suits (nynorsk)"), blank=True)
    suits_en = models.TextField(_("who it suits (English)"), blank=True)
    age_min = models.PositiveSmallIntegerField(_("suggested minimum age"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("suggested maximum age"), null=True, blank=True)
    cost = models.CharField(_("cost"), max_length=20, choices=Cost.choices, default=Cost.FREE)
    price_text = models.CharField(_("price (bokmål)"), max_length=200, blank=True)
    price_text_nn = models.CharField(_("price (nynorsk)"), max_length=200, blank=True)
    price_text_en = models.CharField(_("price (English)"), max_length=200, blank=True)
    transport_offered = models.BooleanField(_("transport offered"), default=False)
    transport_text = models.TextField(_("about transport (bokmål)"), blank=True)
    transport_text_nn = models.TextField(_("about transport (nynorsk)"), blank=True)
    transport_text_en = models.TextField(_("about transport (English)"), blank=True)
    meals_offered = models.BooleanField(_("meals offered"), default=False)
    meals_text = models.TextField(_("about meals (bokmål)"), blank=True)
    meals_text_nn = models.TextField(_("about meals (nynorsk)"), blank=True)
    meals_text_en = models.TextField(_("about meals (English)"), blank=True)
    capacity_per_day = models.PositiveSmallIntegerField(_("places per day"), null=True, blank=True)
    places_available = models.PositiveSmallIntegerField(
        _("free places"),
        null=True,
        blank=True,
        help_text=_("Leave empty when unknown; 0 shows the offer as full."),
    )
    volunteers_involved = models.BooleanField(_("volunteers involved"), default=False)
    volunteer_text = models.TextField(_("how to volunteer (bokmål)"), blank=True)
    volunteer_text_nn = models.TextField(_("how to volunteer (nynorsk)"), blank=True)
    volunteer_text_en = models.TextField(_("how to volunteer (English)"), blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("languages spoken"), blank=True, related_name="offers")
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    image = models.ImageField(_("image"), upload_to="offers/", blank=True)
    image_alt = models.CharField(_("image description (bokmål)"), max_length=300, blank=True)
    image_alt_nn = models.CharField(_("image description (nynorsk)"), max_length=300, blank=True)
    image_alt_en = models.CharField(_("image description (English)"), max_length=300, blank=True)
    closed_on_public_holidays = models.BooleanField(_("closed on public holidays"), default=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["title"]
        permissions = [("publish_offer", _("Can publish and archive offers"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(participation="application") | models.Q(service_type__isnull=False),
                name="offer_application_needs_service_type",
                violation_error_message=_("An offer by application must name its service type."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:offer_detail", kwargs={"slug": self.slug})

    @property
    def is_full(self) -> bool:
        return self.places_available == 0

    @property
    def needs_review(self) -> bool:
        if self.last_reviewed is None:
            return True
        return (timezone.localdate() - self.last_reviewed).days > REVIEW_INTERVAL_DAYS


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningPeriod(models.Model):
    """One weekly period (HSDS: regular_schedule). Several per day are allowed."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="opening_periods")
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.CASCADE, null=True, blank=True
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("from"))
    closes = models.TimeField(_("to"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("opening period")
        verbose_name_plural = _("opening periods")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="opening_period_closes_after_opens",
                violation_error_message=_("The end time must be after the start time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class ScheduleException(Translated):
    """A named date when the offer is closed or has changed hours (HSDS: holiday_schedule)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="schedule_exceptions")
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed"), default=True)
    opens = models.TimeField(_("from"), null=True, blank=True)
    closes = models.TimeField(_("to"), null=True, blank=True)
    note = models.CharField(_("note (bokmål)"), max_length=200, blank=True)
    note_nn = models.CharField(_("note (nynorsk)"), max_length=200, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("schedule exception")
        verbose_name_plural = _("schedule exceptions")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.note}"


class Event(Translated):
    """A one-off date (a trip, a concert)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title (bokmål)"), max_length=200)
    title_nn = models.CharField(_("title (nynorsk)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.ForeignKey(Location, verbose_name=_("location"), on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class OfferChange(models.Model):
    """Who changed what and when on an offer (shown on the staff edit page)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(_("action"), max_length=60)  # e.g. "catalogue.offer.published"
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("offer change")
        verbose_name_plural = _("offer changes")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"


class ErrorReport(models.Model):
    """A citizen's report of an error in a listing; the unit's leaders handle it."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="error_reports")
    message = models.TextField(_("what is wrong"))
    reporter_email = models.EmailField(_("e-mail (optional)"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.offer}: {self.message[:40]}"
