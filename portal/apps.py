from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from portal import library_texts


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.db.models import fields

        from portal.roles import sync_role_groups

        # The empty choice of every select (forms and admin); Django's own label has no
        # Norwegian translation yet.
        fields.BLANK_CHOICE_LABEL = _("– Velg –")
        # django-axes names its records in English; the admin shows them to staff.
        library_texts.install()

        post_migrate.connect(sync_role_groups, dispatch_uid="portal.sync_role_groups")
        import portal.sessions  # noqa: F401  (connects its signal receivers)
