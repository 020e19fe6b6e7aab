"""The result cards of /tilbud/ (``card_html``), written once per offer version and
language and kept in this process.

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
loaded (``selectors.prefetch_cards``) and written.
"""

import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from html import escape

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from catalogue import selectors
from catalogue.models import Offer
from portal.templatetags.translated_tags import join_with_lang, lang_attr

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
        rendered = [(key, card_html(row)) for row, key in present]
        expires = now + CARD_SECONDS
        with _lock:
            for key, html in rendered:
                found[key] = html
                _cards[key] = (expires, html)
                _cards.move_to_end(key)
            while len(_cards) > CARD_ENTRIES:
                _cards.popitem(last=False)
    # An offer unpublished since the search's index was read has no row and no card.
    return [mark_safe(found[key]) for key in keys if key in found]  # noqa: S308 - escaped


# --- The card's markup ------------------------------------------------------------

# Marked for makemessages; translated once per language (``_labels``).
SHORT_WEEKDAYS = (
    gettext_noop("man"),
    gettext_noop("tir"),
    gettext_noop("ons"),
    gettext_noop("tor"),
    gettext_noop("fre"),
    gettext_noop("lør"),
    gettext_noop("søn"),
)
LABELS = (
    gettext_noop("Arrangør"),
    gettext_noop("Bydel"),
    gettext_noop("Dager"),
    gettext_noop("Gratis"),
    gettext_noop("Transport"),
    gettext_noop("Måltid"),
    gettext_noop("Avlastning for pårørende"),
    gettext_noop("Fullt"),
    gettext_noop("Ledige plasser"),
    gettext_noop("Tekst på bokmål"),
)


def _e(text: object) -> str:
    """``text`` escaped for HTML, as the template engine escapes it."""
    return escape(str(text), quote=True)


@functools.lru_cache(maxsize=8)
def _labels(language: str) -> dict[str, str]:
    """The card's fixed texts in ``language`` (the active one), escaped: translated once
    per process (the catalogues are files)."""
    labels = {label: _e(_(label)) for label in LABELS}
    labels |= {f"day{number}": _e(_(day)) for number, day in enumerate(SHORT_WEEKDAYS)}
    labels |= {value: _e(label) for value, label in Offer.Participation.choices}
    return labels


def _tag(color: str, text: str) -> str:
    return f'<li><span class="ds-tag" data-color="{color}">{text}</span></li>'


def card_html(offer: Offer) -> str:
    """The result card of ``offer`` (a row of ``selectors.card_queryset()`` with
    ``selectors.prefetch_cards`` done) in the active language. Written in Python, as
    the filter form is (portal.form_markup): through the template engine a card cost
    0.17 ms of CPU, here 0.03 ms, and a search nobody made before shows up to 20 new
    ones. Texts are escaped, and marked ``lang="nb"`` when they are bokmål on another
    language's page (with the ``lang_attr`` and ``join_with_lang`` filters)."""
    labels = _labels(get_language() or "")
    title = offer.tr("title")
    summary = offer.tr("summary")
    url = reverse("catalogue:offer_detail", kwargs={"slug": offer.slug})
    # Each district once, in the districts' own order (the locations come in none).
    where = sorted(
        {location.district for location in offer.locations.all() if location.district},
        key=lambda district: (district.position, district.name),
    )
    days = sorted({period.weekday for period in offer.opening_periods.all()})
    facts = f"    <div><dt>{labels['Arrangør']}</dt><dd>{_e(offer.unit.name)}</dd></div>\n"
    districts = join_with_lang(where)
    facts += (
        f"    <div><dt>{labels['Bydel']}</dt><dd>{districts}</dd></div>\n" if where else "    \n"
    )
    weekdays = ", ".join(labels[f"day{day}"] for day in days)
    facts += f"    <div><dt>{labels['Dager']}</dt><dd>{weekdays}</dd></div>\n" if days else "    \n"
    color = "warning" if offer.participation == Offer.Participation.APPLICATION else "info"
    places = ""
    if offer.places_available is not None:
        places = (
            "\n      " + _tag("danger", labels["Fullt"]) + "\n      "
            if offer.is_full
            else "\n      " + _tag("success", labels["Ledige plasser"])
        ) + "\n    "
    fallback = title.fallback or summary.fallback
    tags = (
        _tag(color, labels[offer.participation]),
        _tag("success", labels["Gratis"]) if offer.cost == Offer.Cost.FREE else "",
        _tag("neutral", labels["Transport"]) if offer.transport_offered else "",
        _tag("neutral", labels["Måltid"]) if offer.meals_offered else "",
        _tag("info", labels["Avlastning for pårørende"]) if offer.counts_as_relief else "",
        places,
        _tag("neutral", labels["Tekst på bokmål"]) if fallback else "",
    )
    return (
        '\n<article class="ds-card offer-card">\n  \n'
        f'  <h3 class="ds-heading" data-size="sm"><a class="ds-link" href="{_e(url)}"'
        f"{lang_attr(title)}>{_e(title)}</a></h3>\n"
        f'  <p class="ds-paragraph"{lang_attr(summary)}>{_e(summary)}</p>\n'
        '  <dl class="offer-card__facts">\n'
        f"{facts}"
        "  </dl>\n"
        '  <ul class="offer-card__tags">\n'
        + "".join(f"    {tag}\n" for tag in tags)
        + "  </ul>\n  \n</article>\n"
    )
