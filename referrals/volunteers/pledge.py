"""The confidentiality pledge (taushetserklæring) a helper signs in the portal.

The text cites the duty as it applies to someone who does work for the municipality:
forvaltningsloven § 13 binds "enhver som utfører tjeneste eller arbeid for et
forvaltningsorgan", and helse- og omsorgstjenesteloven § 2-1 makes forvaltningsloven
apply to the municipality's services under that Act. A new wording gets a new
``VERSION``; a signature records the version read.
"""

from django.utils.translation import gettext_lazy as _

VERSION = "2026-1"

PARAGRAPHS = [
    _(
        "Jeg har taushetsplikt etter forvaltningsloven § 13. Den gjelder alle som utfører "
        "tjeneste eller arbeid for kommunen, også frivillige og oppdragstakere. For "
        "kommunens helse- og omsorgstjenester følger dette av helse- og "
        "omsorgstjenesteloven § 2-1."
    ),
    _(
        "Taushetsplikten betyr at jeg ikke skal fortelle andre om noens personlige "
        "forhold som jeg får vite om gjennom oppdraget, for eksempel helse, familie, "
        "økonomi eller hvor noen bor. Jeg skal heller ikke la andre få se eller lese slike "
        "opplysninger."
    ),
    _(
        "Taushetsplikten gjelder også etter at oppdraget er slutt. Hvis jeg er usikker på "
        "om jeg kan si noe, spør jeg koordinatoren i kommunen først."
    ),
]
