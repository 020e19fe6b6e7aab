"""A citizen's shortlist of offers, kept in the session (no log-in needed).

Only offer ids are stored; reading the list always goes through
Offer.objects.published(), so an offer that is archived later simply drops out.
"""

from django.contrib.sessions.backends.base import SessionBase

from catalogue.models import Offer

SESSION_KEY = "catalogue_shortlist"  # also read by catalogue/shortlist_button.html
MAX_ITEMS = 50


class Shortlist:
    def __init__(self, session: SessionBase) -> None:
        self.session = session

    @property
    def ids(self) -> list[int]:
        value = self.session.get(SESSION_KEY, [])
        return [item for item in value if isinstance(item, int)] if isinstance(value, list) else []

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, offer: Offer) -> bool:
        return offer.pk in self.ids

    def add(self, offer: Offer) -> bool:
        """Add ``offer``; False when the list is full."""
        ids = self.ids
        if offer.pk in ids:
            return True
        if len(ids) >= MAX_ITEMS:
            return False
        self.session[SESSION_KEY] = [*ids, offer.pk]
        return True

    def remove(self, offer: Offer) -> None:
        self.session[SESSION_KEY] = [pk for pk in self.ids if pk != offer.pk]

    def clear(self) -> None:
        self.session.pop(SESSION_KEY, None)

    def offers(self, queryset=None) -> list[Offer]:
        """The published offers on the list, in the order they were added."""
        ids = self.ids
        if not ids:
            return []
        queryset = queryset if queryset is not None else Offer.objects.all()
        by_id = {offer.pk: offer for offer in queryset.published().filter(pk__in=ids)}
        return [by_id[pk] for pk in ids if pk in by_id]
