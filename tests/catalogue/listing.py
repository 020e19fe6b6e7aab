"""What a response of /tilbud/ lists: its offers (``context["offers"]``) read back.

A search's page holds what its index knows of each offer (``selectors.CardStamp``: pk
and ``updated_at``), other pages the offers' rows; this reads the offers themselves."""

from catalogue.models import Offer


def listed(response) -> list[Offer]:
    """The offers of the page in ``response``, in order."""
    pks = [offer.pk for offer in response.context["offers"]]
    found = Offer.objects.in_bulk(pks)
    return [found[pk] for pk in pks]
