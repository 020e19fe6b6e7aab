"""Places per weekday at an offer: the places given by a decision, and the waiting
list for a day that is full."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from referrals.cases.models import Application, Decision


class Allocation(models.Model):
    """A place on one weekday at a day-centre offer, given by a grant."""

    offer = models.ForeignKey(
        "catalogue.Offer", on_delete=models.PROTECT, related_name="allocations"
    )
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="allocations"
    )
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="allocations")
    weekday = models.PositiveSmallIntegerField(_("ukedag"))
    start_date = models.DateField(_("fra dato"), null=True, blank=True)
    ended_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)
    # A planned end: the place is taken until this day and free from it on. Set with
    # ``ended_at`` when a place is ended today or earlier; alone when it ends later.
    ends_on = models.DateField(_("ledig fra og med"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The day the person was invited to give feedback after three months (or found to
    # have no e-mail address): each place is looked at once (services.invite_to_feedback).
    feedback_invited_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("tildelt plass")
        verbose_name_plural = _("tildelte plasser")
        ordering = ["weekday", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.offer_id}/{self.weekday}: {self.application}"


class WaitingListEntry(models.Model):
    """Someone granted a weekday that was full: they wait for a place, by priority and
    then by the date they were put on the list."""

    offer = models.ForeignKey(
        "catalogue.Offer", on_delete=models.PROTECT, related_name="waiting_list"
    )
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="waiting_list_entries"
    )
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")
    weekday = models.PositiveSmallIntegerField(_("ukedag"))
    priority = models.PositiveSmallIntegerField(
        _("prioritet"), default=2, help_text=_("1 er høyest.")
    )
    added_at = models.DateTimeField(_("satt på venteliste"), default=timezone.now)
    removed_at = models.DateTimeField(_("fjernet fra ventelisten"), null=True, blank=True)

    class Meta:
        verbose_name = _("venteliste")
        verbose_name_plural = _("venteliste")
        ordering = ["priority", "added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.offer_id}/{self.weekday}: {self.application}"
