"""Keeping the search index current: an offer is indexed again when it, its categories,
its locations or its unit change, or when a category, district, location or unit it
shows is renamed; ``index.reindex_stale`` runs after every ``migrate``."""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from catalogue.search import index


def _offer_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index.refresh([instance.pk])


def _offer_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    index.forget(instance.pk)


def _offer_links_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if not action.startswith("post_"):
        return
    if reverse:  # location.offers.add(...) and the like
        if action == "post_clear" or not pk_set:
            return
        index.refresh(pk_set)
    else:
        index.refresh([instance.pk])


def _related_saved(
    sender: Any, instance: Any, raw: bool = False, created: bool = False, **kwargs: Any
) -> None:
    from catalogue.models import Category, District, Location, Offer, Unit

    if raw or created:
        return
    offers = {
        Unit: lambda: Offer.objects.filter(unit=instance),
        Category: lambda: Offer.objects.filter(categories=instance),
        Location: lambda: Offer.objects.filter(locations=instance),
        District: lambda: Offer.objects.filter(locations__district=instance).distinct(),
    }[sender]()
    index.refresh(offers)


def _migrated(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """Index offers indexed by an older INDEX_VERSION, when the database has the index
    (not when ``migrate`` stopped at an earlier migration, or ``flush`` ran there)."""
    from django.db import connections

    if sender.name != "catalogue":
        return
    connection = connections[using]
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "catalogue_offer")
    if any(column.name == "search_index_version" for column in columns):
        index.reindex_stale()


def connect() -> None:
    from catalogue.models import Category, District, Location, Offer, Unit

    post_save.connect(_offer_saved, sender=Offer, dispatch_uid="catalogue.search.offer_saved")
    post_delete.connect(_offer_deleted, sender=Offer, dispatch_uid="catalogue.search.offer_deleted")
    for field in (Offer.categories, Offer.locations):
        m2m_changed.connect(
            _offer_links_changed,
            sender=field.through,
            dispatch_uid=f"catalogue.search.{field.through}",
        )
    for model in (Unit, Category, Location, District):
        post_save.connect(
            _related_saved, sender=model, dispatch_uid=f"catalogue.search.{model.__name__}"
        )
    post_migrate.connect(_migrated, dispatch_uid="catalogue.search.migrated")
