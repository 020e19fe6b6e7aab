"""Finding text in the wrong language on a rendered page.

The visible text of a page (text nodes, and the attributes a user hears or sees: alt,
title, placeholder, aria-label, button values) is searched for words that belong to
another of the portal's languages. Elements marked with a ``lang`` attribute other than
the page's are skipped: a bokmål text on a nynorsk page is fine when it says so.

The word lists are short and unambiguous: each word exists in the languages it is
listed against and in no language it is searched for in.
"""

import re

import tinyhtml5

# fmt: off
# English words that are not Norwegian words ("time" and "sent" are: an hour, late).
ENGLISH = [
    "the", "this", "that", "these", "those", "there", "their", "your", "you", "with",
    "which", "what", "please", "field", "fields", "required", "password", "passwords",
    "select", "enter", "valid", "invalid", "must", "should", "only", "characters",
    "character", "choose", "error", "errors", "typing", "submit", "save",
    "delete", "change", "changes", "add", "view", "search", "not", "are", "has", "have",
    "been", "than", "least", "most", "more", "less", "could", "would", "user", "users",
    "name", "email", "address", "number", "date", "today", "yesterday", "yes",
    "unknown", "any", "all", "none", "from", "about", "and", "previous", "next",
    "page", "show", "hide", "close", "back", "home", "log", "logout", "login",
    "welcome", "ensure", "value", "values", "contain", "contains", "similar", "common",
    "entirely", "numeric", "short", "too", "already", "exists", "didn", "created",
    "updated", "handled", "task", "tasks", "attempt", "attempts", "failed", "access",
    "cancel", "continue", "download", "upload", "results", "account", "language", "message",
    "messages", "because", "before", "after", "between", "without", "within", "where",
    "when", "who", "why", "how", "cannot", "will", "was", "were", "into", "also", "other",
    "each", "every", "many", "received", "found", "forbidden", "request",
]
# Bokmål words that nynorsk spells differently.
BOKMAL_ONLY = [
    "ikke", "jeg", "hva", "hvor", "hvem", "hvordan", "hvis", "hvilken", "hvilke", "hvorfor",
    "hver", "hvert", "velg", "valg", "valget", "bare", "noen", "noe", "mer", "være",
    "fra", "siden", "ble", "navn", "navnet", "uke", "uker", "tilbud", "tilbudet",
    "tilbudene", "kommer", "mye", "dere", "deres", "hjem", "gjøre", "gjør", "sted",
    "stedet", "tegn", "tall", "sammen", "videre", "forrige", "trenger", "ønsker", "ennå",
    "selv", "opplysninger", "endringer", "innstillinger", "handlinger", "tilgjengelighet",
    "tilgjengelighetserklæring", "tilgjengeerklæring", "meldinger",
    "nedenfor", "følgende", "enten", "mulig", "tilgjengelig", "vanlig", "vanskelig",
    "personlig", "daglig", "offentlig", "skriftlig", "muntlig", "ansvarlig", "endelig",
    "tidligere", "senere", "nylig", "foreløpig", "hele", "egen", "eget", "egne", "flere",
    "uten", "innen", "måned", "måneder", "dager", "minutter", "tjeneste", "tjenesten",
    "tjenester", "søker", "bruker", "brukeren", "brukere", "enhet", "enheten", "enheter",
    "ansatte", "saksbehandler", "saksbehandleren", "beskrivelse", "forespørsel",
    "forespørselen", "mottatt", "logget", "lagret", "slettet", "endret", "åpen", "åpent",
    "mennesker", "voksne", "hjemme", "gjelder", "følger", "opplysningene", "vennligst",
    "uken", "plasser", "dokumenter", "meldingen", "hilsen",
]
# Nynorsk words that bokmål spells differently.
NYNORSK_ONLY = [
    "ikkje", "eg", "kva", "kvar", "kven", "korleis", "kvifor", "berre", "frå", "meir",
    "vere", "nokon", "noko", "tilbod", "tilbodet", "veke", "veker", "namn", "namnet",
    "heim", "gjere", "gjer", "saman", "vidare", "førre", "treng", "ønskjer", "enno",
    "sjølv", "opplysningar", "endringar", "meldingar", "dykk",
    "eit", "ein", "mogleg", "nedanfor", "følgjande",
]
# Norwegian words (either written form) that are not English words.
NORWEGIAN = sorted(
    {
        "ikke", "ikkje", "og", "er", "på", "med", "av", "du", "deg", "din", "ditt", "dine",
        "eller", "som", "velg", "vel", "skriv", "søk", "tilbud", "tilbod", "søknad",
        "søknaden", "feltet", "dette", "denne", "må", "ingen", "ein", "eit", "et", "til",
        "fra", "frå", "har", "ja", "nei", "hva", "kva", "hvor", "kvar", "ble", "blir", "vi",
        "oss", "uke", "veke", "dag", "tilbake", "neste", "lagre", "alle", "mer", "meir",
        "ukjent", "gyldig", "ugyldig", "passord", "logg", "inn", "ut", "side", "sida",
        "avbryt", "send", "endre", "slett", "legg", "hjelp", "mine", "kontakt", "tjeneste",
        "søknader", "tjenester", "tenester", "vedtak", "saken", "ledig", "plasser",
        "venteliste", "hvordan", "korleis", "velkommen", "utkast", "melding",
        "meldinger", "opplysninger", "kommunen", "hilsen", "helsing", "takk", "klage",
        "frist", "dager", "uker",
    }
    - {"send", "side", "mine", "legg", "inn"}  # English words too
)
# fmt: on

WORDS = {
    "nb": ENGLISH + NYNORSK_ONLY,
    "nn": ENGLISH + BOKMAL_ONLY,
    "en": NORWEGIAN,
}
# Words that are the same in bokmål and nynorsk are in neither list above, so a word in
# both NYNORSK_ONLY and BOKMAL_ONLY (søknader, skjemaet) would be a mistake.
assert not set(BOKMAL_ONLY) & set(NYNORSK_ONLY), set(BOKMAL_ONLY) & set(NYNORSK_ONLY)

# Norwegian names that stay Norwegian on English pages: laws, public bodies.
PROPER_NAMES = re.compile(
    r"[\w-]+(?:- og [\w-]+)?(?:loven|lova|ombudet)\b|Statsforvalteren\b"
    r"|Tilsynet for universell utforming av IKT"
)
# Addresses are not words: /tilbud/ reads the same in every language. Nor are masked
# values: the admin shows a password's random salt as "eT********" (was a flaky "et").
ADDRESSES = re.compile(r"https?://\S+|\S+@\S+|\S*\*{4,}\S*")

VISIBLE_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label", "aria-description")
# Not read as page text: scripts and styles, and the value being edited in a textarea.
SKIPPED_TAGS = {"script", "style", "template", "head", "textarea"}


def _pattern(words: list[str]) -> re.Pattern:
    alternatives = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?<![\w@.-])({alternatives})(?![\w@-])", re.IGNORECASE)


PATTERNS = {language: _pattern(words) for language, words in WORDS.items()}


def _tag(element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def parse_page(html: str):
    """The page's root element (``<html>``), for ``visible_texts`` and ``leaks``."""
    return tinyhtml5.parse(html, namespace_html_elements=False)


def visible_texts(html: str, language: str, *, root=None) -> list[str]:
    """The pieces of text a reader of ``language`` sees or hears on the page, outside
    elements marked as another language. ``root``: the page already parsed
    (``parse_page``), so that a caller that reads more of it parses it once."""
    if root is None:
        root = parse_page(html)
    texts: list[str] = []

    def walk(element, own: bool) -> None:
        tag = _tag(element)
        lang = element.get("lang")
        if lang is not None:
            own = lang.split("-")[0].lower() == language
        if tag in SKIPPED_TAGS:
            return
        if own and tag:
            for name in VISIBLE_ATTRIBUTES:
                if element.get(name):
                    texts.append(element.get(name))
            if tag == "input" and element.get("type") in ("submit", "button", "reset"):
                texts.append(element.get("value") or "")
            if element.text:
                texts.append(element.text)
        for child in element:
            walk(child, own)
            if own and child.tail:
                texts.append(child.tail)

    walk(root, True)
    head = root.find("head")
    if head is not None:
        title = head.find("title")
        if title is not None and title.text:
            texts.append(title.text)
    return [" ".join(text.split()) for text in texts if text and text.strip()]


def leaks(html: str, language: str, ignore: list[str] = (), *, root=None) -> list[str]:
    """Phrases in ``html`` with a word of another language, each with its context.
    ``ignore``: phrases left out (text people typed), longest first."""
    found = []
    texts = visible_texts(html, language, root=root)
    # Only the phrases on the page at all are looked for in each piece of it.
    page = "\x00".join(texts)
    ignore = [phrase for phrase in ignore if phrase in page]
    for text in texts:
        for phrase in ignore:
            if phrase in text:
                text = text.replace(phrase, " ")
        text = ADDRESSES.sub(" ", PROPER_NAMES.sub(" ", text))
        for match in PATTERNS[language].finditer(text):
            start, end = max(0, match.start() - 40), min(len(text), match.end() + 40)
            found.append(f"{match.group(1)!r} in …{text[start:end]}…")
    return found
