"""Volunteers and støttekontakter: the roles a unit recruits for, the help wanted
(described without personal data), the helpers who sign up, and their onboarding.

Matching a helper to a person builds on these (``ready_helpers`` in ``selectors``).
The police certificate itself is never stored: ``PoliceCertificateCheck`` records
only that one was shown, its date, who checked it and the result (docs/volunteers.md).
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Weekday
from portal.phone import PhoneNumberField
from portal.translated import Translated
from referrals.cases.models import Application, Decision


class RoleKind(models.TextChoices):
    VOLUNTEER = "volunteer", _("Frivillig")
    STOTTEKONTAKT = "stottekontakt", _("Støttekontakt (lønnet oppdrag)")
    AVLASTER = "avlaster", _("Avlaster (lønnet oppdrag)")


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("formiddag")
    AFTERNOON = "afternoon", _("ettermiddag")
    EVENING = "evening", _("kveld")


class Gender(models.TextChoices):
    WOMAN = "woman", _("kvinne")
    MAN = "man", _("mann")
    OTHER = "other", _("annet")


class Interest(Translated):
    """A small vocabulary of interests (fishing, walks, music) that roles, help wanted
    and helpers share."""

    slug = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("navn (bokmål)"), max_length=120)
    name_nn = models.CharField(_("navn (nynorsk)"), max_length=120, blank=True)
    name_en = models.CharField(_("navn (engelsk)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        verbose_name = _("interesse")
        verbose_name_plural = _("interesser")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.tr("name")


class TimeSlot(models.Model):
    """A weekday and a part of the day: when a helper is free, or when help is wanted."""

    weekday = models.PositiveSmallIntegerField(_("ukedag"), choices=Weekday.choices)
    part = models.CharField(_("tid på dagen"), max_length=10, choices=PartOfDay.choices)

    class Meta:
        abstract = True
        ordering = ["weekday", "part"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.get_part_display()}"


class VolunteerRole(Translated):
    """A role a unit recruits for: a volunteer role on an offer (turvenn,
    aktivitetsvenn), or paid støttekontakt and avlaster assignments."""

    unit = models.ForeignKey(
        "catalogue.Unit",
        verbose_name=_("enhet"),
        on_delete=models.PROTECT,
        related_name="volunteer_roles",
    )
    offer = models.ForeignKey(
        "catalogue.Offer",
        verbose_name=_("tilbud"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_roles",
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=RoleKind.choices, default=RoleKind.VOLUNTEER
    )
    title = models.CharField(_("tittel (bokmål)"), max_length=200)
    title_nn = models.CharField(_("tittel (nynorsk)"), max_length=200, blank=True)
    title_en = models.CharField(_("tittel (engelsk)"), max_length=200, blank=True)
    description = models.TextField(_("beskrivelse (bokmål)"), blank=True)
    description_nn = models.TextField(_("beskrivelse (nynorsk)"), blank=True)
    description_en = models.TextField(_("beskrivelse (engelsk)"), blank=True)
    time_description = models.CharField(
        _("når (bokmål)"), max_length=200, blank=True, help_text=_("For eksempel «to timer i uka»")
    )
    time_description_nn = models.CharField(_("når (nynorsk)"), max_length=200, blank=True)
    time_description_en = models.CharField(_("når (engelsk)"), max_length=200, blank=True)
    district = models.ForeignKey(
        "catalogue.District",
        verbose_name=_("bydel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    interests = models.ManyToManyField(
        Interest, verbose_name=_("interesser"), blank=True, related_name="+"
    )
    involves_minors = models.BooleanField(_("gjelder barn under 18 år"), default=False)
    involves_intellectual_disability = models.BooleanField(
        _("gjelder personer med utviklingshemning"), default=False
    )
    public = models.BooleanField(_("vises på frivillig-siden"), default=True)
    active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("opprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("frivilligrolle")
        verbose_name_plural = _("frivilligroller")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.tr("title")


class VolunteerRoleTime(TimeSlot):
    role = models.ForeignKey(VolunteerRole, on_delete=models.CASCADE, related_name="times")

    class Meta(TimeSlot.Meta):
        verbose_name = _("tidspunkt for rollen")
        verbose_name_plural = _("tidspunkter for rollen")
        constraints = [
            models.UniqueConstraint(
                fields=["role", "weekday", "part"], name="volunteer_role_time_unique"
            )
        ]


class HelpRequest(Translated):
    """Help wanted: a paid støttekontakt assignment or a request for a volunteer.

    The public texts describe the need WITHOUT personal data ("a man in his 70s in Nord
    who likes fishing, 3 hours a week"); the case it came from is linked, never shown.
    """

    class Status(models.TextChoices):
        # Asked for by a person or a relative (/frivillig/be-om-hjelp/): a coordinator
        # writes the public description before a helper can be proposed.
        NEW = "new", _("Ny, trenger offentlig beskrivelse")
        OPEN = "open", _("Åpen")
        CLOSED = "closed", _("Lukket")
        WITHDRAWN = "withdrawn", _("Trukket")

    kind = models.CharField(
        _("type"), max_length=20, choices=RoleKind.choices, default=RoleKind.STOTTEKONTAKT
    )
    role = models.ForeignKey(
        VolunteerRole,
        verbose_name=_("rolle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
    )
    unit = models.ForeignKey(
        "catalogue.Unit",
        verbose_name=_("enhet"),
        on_delete=models.PROTECT,
        related_name="help_requests",
    )
    district = models.ForeignKey(
        "catalogue.District",
        verbose_name=_("bydel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(
        _("offentlig beskrivelse (bokmål)"),
        help_text=_("Uten personopplysninger: ikke navn, adresse, alder i år eller diagnose."),
    )
    description_nn = models.TextField(_("offentlig beskrivelse (nynorsk)"), blank=True)
    description_en = models.TextField(_("offentlig beskrivelse (engelsk)"), blank=True)
    interests = models.ManyToManyField(
        Interest, verbose_name=_("interesser"), blank=True, related_name="+"
    )
    languages = models.ManyToManyField(
        "catalogue.Language", verbose_name=_("språk"), blank=True, related_name="+"
    )
    hours_per_week = models.DecimalField(
        _("timer per uke"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    preferred_gender = models.CharField(
        _("ønsket kjønn på hjelperen"), max_length=10, choices=Gender.choices, blank=True
    )
    preferred_min_age = models.PositiveSmallIntegerField(
        _("ønsket alder på hjelperen, fra"), null=True, blank=True
    )
    preferred_max_age = models.PositiveSmallIntegerField(
        _("ønsket alder på hjelperen, til"), null=True, blank=True
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("sak"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("vedtak"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
    )
    public = models.BooleanField(_("vises på frivillig-siden"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("opprettet"), default=timezone.now)
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)

    class Meta:
        verbose_name = _("forespørsel om hjelper")
        verbose_name_plural = _("forespørsler om hjelper")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


class HelpRequester(models.Model):
    """The private part of a help request that did not come from a case: who asked (a
    person for themselves, or a relative for someone they help, at
    /frivillig/be-om-hjelp/; or a coordinator who registered it), the person's name and
    phone, and the need in the asker's own words. Seen only by the coordinators of the
    request's unit and by the one who asked; never on /frivillig/, never in an e-mail.
    No fødselsnummer."""

    help_request = models.OneToOneField(
        HelpRequest, on_delete=models.CASCADE, related_name="requester"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("spurt av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests_made",
        help_text=_("Den som svarer for personen når en hjelper blir foreslått."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrert av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    for_self = models.BooleanField(_("gjelder den som spør"), default=False)
    person_name = models.CharField(_("personens navn"), max_length=200)
    person_phone = PhoneNumberField(_("personens telefon"), max_length=30, blank=True)
    need = models.TextField(_("behovet, med egne ord"), blank=True)
    language = models.CharField(_("språk"), max_length=5, default="nb")

    class Meta:
        verbose_name = _("den som spør om hjelper")
        verbose_name_plural = _("de som spør om hjelper")

    def __str__(self) -> str:
        return self.person_name


class HelpRequestTime(TimeSlot):
    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="times")

    class Meta(TimeSlot.Meta):
        verbose_name = _("ønsket tidspunkt")
        verbose_name_plural = _("ønskede tidspunkter")
        constraints = [
            models.UniqueConstraint(
                fields=["help_request", "weekday", "part"], name="help_request_time_unique"
            )
        ]


class HelperProfile(models.Model):
    """Someone who has offered to help: their own account, what they like and when they
    are free. Deleted after a documented period once stopped, or when they do not answer
    the yearly question whether they still want to help (records.retention)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktiv")
        PAUSED = "paused", _("På pause")
        STOPPED = "stopped", _("Avsluttet")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="helper_profile"
    )
    name = models.CharField(_("navn"), max_length=200)
    phone = PhoneNumberField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-post"))
    gender = models.CharField(_("kjønn"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("fødselsår"), null=True, blank=True)
    district = models.ForeignKey(
        "catalogue.District",
        verbose_name=_("bydel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    interests = models.ManyToManyField(
        Interest, verbose_name=_("interesser"), blank=True, related_name="helpers"
    )
    languages = models.ManyToManyField(
        "catalogue.Language", verbose_name=_("språk"), blank=True, related_name="+"
    )
    experience = models.TextField(_("erfaring"), blank=True)
    driving_licence = models.BooleanField(_("har førerkort"), default=False)
    has_car = models.BooleanField(_("har bil"), default=False)
    # The language of the portal when the helper signed up or last saved the form
    # (/frivillig/meld-interesse/): every e-mail to them is written in it.
    language = models.CharField(
        _("foretrukket språk"), max_length=10, choices=settings.LANGUAGES, default="nb"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    stopped_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)
    last_confirmed_at = models.DateTimeField(_("sist bekreftet"), default=timezone.now)
    inactivity_asked_at = models.DateTimeField(
        _("spurt om fortsatt interesse"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("opprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("hjelper")
        verbose_name_plural = _("hjelpere")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class HelperAvailability(TimeSlot):
    helper = models.ForeignKey(HelperProfile, on_delete=models.CASCADE, related_name="availability")

    class Meta(TimeSlot.Meta):
        verbose_name = _("ledig tid")
        verbose_name_plural = _("ledig tid")
        constraints = [
            models.UniqueConstraint(
                fields=["helper", "weekday", "part"], name="helper_availability_unique"
            )
        ]


class HelperRoleEnrolment(models.Model):
    """A helper's interest in one role, through onboarding to ready (matchable).

    ``status`` READY is set only by ``services.refresh_status`` when ``selectors.is_ready``
    holds; ``is_ready`` is the rule, the status a cached fact for lists."""

    class Status(models.TextChoices):
        INTERESTED = "interested", _("Interessert")
        ONBOARDING = "onboarding", _("Under opplæring")
        READY = "ready", _("Klar")
        ENDED = "ended", _("Avsluttet")

    helper = models.ForeignKey(HelperProfile, on_delete=models.CASCADE, related_name="enrolments")
    role = models.ForeignKey(VolunteerRole, on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.INTERESTED
    )
    created_at = models.DateTimeField(_("meldt interesse"), default=timezone.now)
    ended_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("hjelper i rolle")
        verbose_name_plural = _("hjelpere i roller")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["helper", "role"], name="helper_role_enrolment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.helper} – {self.role}"


class ChecklistItem(Translated):
    """One step of a role's onboarding, configured by staff. A police-certificate item
    is allowed only where ``rules.police_certificate_rule`` allows one."""

    class Kind(models.TextChoices):
        CONVERSATION = "conversation", _("Samtale")
        COURSE = "course", _("Kurs")
        PLEDGE = "pledge", _("Taushetserklæring")
        REFERENCES = "references", _("Referanser")
        POLICE_CERTIFICATE = "police_certificate", _("Politiattest")
        OTHER = "other", _("Annet")

    role = models.ForeignKey(
        VolunteerRole, on_delete=models.CASCADE, related_name="checklist_items"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("tekst (bokmål)"), max_length=200)
    label_nn = models.CharField(_("tekst (nynorsk)"), max_length=200, blank=True)
    label_en = models.CharField(_("tekst (engelsk)"), max_length=200, blank=True)
    required = models.BooleanField(_("påkrevd"), default=True)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        verbose_name = _("punkt i sjekklisten")
        verbose_name_plural = _("sjekkliste")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.tr("label")

    @staticmethod
    def police_not_allowed_message() -> str:
        return str(
            _(
                "Politiattest kan bare kreves der loven gir hjemmel: for støttekontakt og "
                "avlaster, og for frivillige som skal ha oppgaver med barn eller personer "
                "med utviklingshemning."
            )
        )

    def clean(self) -> None:
        # Local import: the rule module imports this one.
        from referrals.volunteers.rules import police_certificate_rule

        if (
            self.kind == self.Kind.POLICE_CERTIFICATE
            and self.role_id is not None
            and not police_certificate_rule(self.role).allowed
        ):
            raise ValidationError({"kind": self.police_not_allowed_message()})


class ChecklistCompletion(models.Model):
    """A checklist item done for one enrolment: ticked by staff, or (the pledge) done
    by the helper signing in the portal (``done_by`` empty)."""

    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="completions")
    enrolment = models.ForeignKey(
        HelperRoleEnrolment, on_delete=models.CASCADE, related_name="completions"
    )
    done_at = models.DateTimeField(_("utført"), default=timezone.now)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrert av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("merknad"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("utført punkt")
        verbose_name_plural = _("utførte punkter")
        ordering = ["done_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "enrolment"], name="checklist_completion_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.enrolment}"


class ConfidentialityPledge(models.Model):
    """The helper's taushetserklæring, signed in the portal: the version of the text
    they read and when. The text itself is in ``pledge.PLEDGE_TEXTS``."""

    helper = models.ForeignKey(HelperProfile, on_delete=models.CASCADE, related_name="pledges")
    text_version = models.CharField(_("tekstversjon"), max_length=20)
    signed_at = models.DateTimeField(_("signert"), default=timezone.now)

    class Meta:
        verbose_name = _("taushetserklæring")
        verbose_name_plural = _("taushetserklæringer")
        ordering = ["-signed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.helper} {self.text_version}"


class PoliceCertificateCheck(models.Model):
    """That a police certificate was shown: its date, who checked it, when and the result.

    Never the certificate or a copy of it: there is deliberately no file field here, and
    nothing about remarks is recorded — a certificate with remarks means the helper cannot
    be used in the role, nothing more (docs/volunteers.md)."""

    class Result(models.TextChoices):
        NO_REMARKS = "no_remarks", _("Ingen merknader")
        NOT_ACCEPTED = "not_accepted", _("Kan ikke brukes i rollen")

    enrolment = models.ForeignKey(
        HelperRoleEnrolment, on_delete=models.CASCADE, related_name="police_checks"
    )
    shown_on = models.DateField(_("attestens dato"))
    result = models.CharField(_("resultat"), max_length=20, choices=Result.choices)
    renew_by = models.DateField(_("må fornyes innen"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kontrollert av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("kontrollert"), default=timezone.now)
    renewal_reminded_at = models.DateTimeField(_("påminnet om fornyelse"), null=True, blank=True)

    class Meta:
        verbose_name = _("kontroll av politiattest")
        verbose_name_plural = _("kontroller av politiattest")
        ordering = ["-checked_at", "pk"]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.get_result_display()} ({self.shown_on})"

    def valid_on(self, day: date) -> bool:
        """True when the check passed and the certificate need not be renewed yet."""
        return self.result == self.Result.NO_REMARKS and (
            self.renew_by is None or day <= self.renew_by
        )
