from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Søknader og saksbehandling")

    def ready(self) -> None:
        from django.urls import register_converter

        from referrals.cases.converters import ReferenceConverter

        # Before any room's URLs are loaded: they address cases as <reference:...>.
        register_converter(ReferenceConverter, "reference")
