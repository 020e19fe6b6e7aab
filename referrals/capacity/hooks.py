"""Keeps the public free-places figure of an offer current when the offer itself is
saved (its places per day or its participation changed): connected by
``referrals.apps`` so that the catalogue, which never imports referrals, need not know."""

from typing import Any

from catalogue.models import Offer
from referrals.capacity import services


def offer_saved(sender: type[Offer], instance: Offer, raw: bool = False, **kwargs: Any) -> None:
    if raw or not instance.places_from_capacity:
        return
    services.refresh_free_places(offer=instance)
