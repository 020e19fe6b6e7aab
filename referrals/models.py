"""Individual services that need an application and a decision."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.translated import Translated


class ServiceType(Translated):
    """A service one applies for (day activity, støttekontakt, work and activity measures)."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (bokmål)"), max_length=200)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description (bokmål)"), blank=True)
    description_nn = models.TextField(_("description (nynorsk)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    processing_days = models.PositiveSmallIntegerField(_("target processing time (days)"), default=28)
    active = models.BooleanField(_("open for applications"), default=True)

    class Meta:
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.tr("name")
