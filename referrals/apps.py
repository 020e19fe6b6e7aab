from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Søknader og saksbehandling")

    def ready(self) -> None:
        from django.db.models.signals import post_save
        from django.urls import register_converter

        from catalogue.models import Offer
        from referrals.capacity import hooks
        from referrals.cases.converters import ReferenceConverter

        # The public free places follow the offer's places per day (the capacity room
        # keeps them current when places are given or ended).
        post_save.connect(hooks.offer_saved, sender=Offer, dispatch_uid="capacity_offer_saved")

        # Before any room's URLs are loaded: they address cases as <reference:...>.
        register_converter(ReferenceConverter, "reference")
