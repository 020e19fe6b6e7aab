from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Tilbudskatalog")

    def ready(self) -> None:
        from catalogue import page_cache
        from catalogue.search import signals

        page_cache.connect_signals()
        signals.connect()
