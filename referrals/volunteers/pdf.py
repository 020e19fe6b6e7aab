"""The purpose confirmation (formålsattest / bekreftelse av formål) a helper sends with
the application for a police certificate: the role, the provisions that give the
authority, and the municipality as the body that asks for the certificate."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from portal.documents.pdf import render_pdf
from referrals.volunteers.models import HelperRoleEnrolment
from referrals.volunteers.rules import police_certificate_rule


def render_purpose_pdf(enrolment: HelperRoleEnrolment, *, language: str) -> bytes:
    """Only for a role where a certificate is allowed (the caller checks ``allowed``)."""
    language = language if language in ("nb", "nn", "en") else "nb"
    rule = police_certificate_rule(enrolment.role)
    with translation.override(language):
        title = gettext("Bekreftelse av formål for politiattest")
    context = {
        "title": title,
        "helper": enrolment.helper,
        "role": enrolment.role,
        "rule": rule,
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_address": settings.MUNICIPALITY_ADDRESS,
        "municipality_contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
        "municipality_contact_phone": settings.MUNICIPALITY_CONTACT_PHONE,
        "generated": timezone.now(),
        "site_url": settings.SITE_URL,
    }
    return render_pdf("referrals/volunteers/purpose.html", context, language=language)
