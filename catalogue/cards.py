"""The result cards of /tilbud/ (catalogue/includes/offer_card.html), rendered once per
offer version and language and kept in this process.

Every search is a new address, so neither the page cache (catalogue.page_cache) nor
the list's fragment cache helps a search; but the cards on a page of results are
mostly cards other searches have shown. A card is kept under:

- the offer's pk and ``updated_at``, read with the offer's row on every request: a
  save of the offer, of its schedule, locations or unit changes it
  (catalogue.models), in any process;
- the language;
- the list's version (``page_cache.list_version``: the page cache's generation,
  replaced by every saved offer, schedule, location, unit, taxonomy term or link
  between them in this process, in every process with Redis; and the database's
  catalogue version).

A card lives ``CARD_SECONDS`` at most, like the pages (a district renamed in another
process without Redis shows within that time, as on the cached pages), in a bounded LRU
of ``CARD_ENTRIES`` per process: every card of 10,000 offers in three languages (a card
and its key take about 1.1 KB, so at most about 33 MB; a catalogue of 1,000 offers needs
a tenth of that). Random searches show cards from all over the catalogue: with 5,000
entries two thirds of them were rendered again and again. Only the cards not kept are
loaded (``selectors.prefetch_cards``) and rendered, with the template the list has
always included, so the HTML is the same.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable, Sequence

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from catalogue import selectors
from catalogue.models import Offer

CARD_TEMPLATE = "catalogue/includes/offer_card.html"
CARD_SECONDS = 60
CARD_ENTRIES = 30_000

_clock = time.monotonic  # tests move it on
_cards: OrderedDict[Hashable, tuple[float, str]] = OrderedDict()
_lock = threading.Lock()


def _key(offer: Offer | selectors.CardStamp, language: str, version: str) -> Hashable:
    return (offer.pk, offer.updated_at, language, version)


def render_cards(offers: Sequence[Offer | selectors.CardStamp], version: str) -> list[SafeString]:
    """The card of each offer, in order: ``offers`` are rows of
    ``selectors.card_queryset()`` or, from a search, ``selectors.CardStamp`` (the rows
    of those whose card is not kept are read; an offer no longer published has none).
    ``version``: the list's version (``page_cache.list_version()``)."""
    language = get_language() or ""
    keys = [_key(offer, language, version) for offer in offers]
    now = _clock()
    found: dict[Hashable, str] = {}
    with _lock:
        for key in keys:
            entry = _cards.get(key)
            if entry is not None and entry[0] > now:
                found[key] = entry[1]
                _cards.move_to_end(key)
    missing = [(offer, key) for offer, key in zip(offers, keys, strict=True) if key not in found]
    if missing:
        stamped = [offer.pk for offer, _key in missing if not isinstance(offer, Offer)]
        read = selectors.card_queryset().in_bulk(stamped) if stamped else {}
        rows = [
            (offer if isinstance(offer, Offer) else read.get(offer.pk), key)
            for offer, key in missing
        ]
        present = [(row, key) for row, key in rows if row is not None]
        selectors.prefetch_cards([row for row, _key in present])
        template = get_template(CARD_TEMPLATE)
        rendered = [(key, template.render({"offer": row})) for row, key in present]
        expires = now + CARD_SECONDS
        with _lock:
            for key, html in rendered:
                found[key] = html
                _cards[key] = (expires, html)
                _cards.move_to_end(key)
            while len(_cards) > CARD_ENTRIES:
                _cards.popitem(last=False)
    # An offer unpublished since the search's index was read has no row and no card.
    return [mark_safe(found[key]) for key in keys if key in found]  # noqa: S308 - our template
