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
of ``CARD_ENTRIES`` per process (a card is about 1 KB). Only the cards not kept are
loaded (``selectors.prefetch_cards``) and rendered, with the template the list has
always included, so the HTML is the same.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from catalogue import selectors
from catalogue.models import Offer

CARD_TEMPLATE = "catalogue/includes/offer_card.html"
CARD_SECONDS = 60
CARD_ENTRIES = 5000

_clock = time.monotonic  # tests move it on
_cards: OrderedDict[Hashable, tuple[float, str]] = OrderedDict()
_lock = threading.Lock()


def _key(offer: Offer, language: str, version: str) -> Hashable:
    return (offer.pk, offer.updated_at, language, version)


def render_cards(offers: list[Offer], version: str) -> list[SafeString]:
    """The card of each offer (from ``selectors.card_queryset()``), in order.
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
        selectors.prefetch_cards([offer for offer, _key in missing])
        template = get_template(CARD_TEMPLATE)
        rendered = [(key, template.render({"offer": offer})) for offer, key in missing]
        expires = now + CARD_SECONDS
        with _lock:
            for key, html in rendered:
                found[key] = html
                _cards[key] = (expires, html)
                _cards.move_to_end(key)
            while len(_cards) > CARD_ENTRIES:
                _cards.popitem(last=False)
    return [mark_safe(found[key]) for key in keys]  # noqa: S308 - rendered by our template
