"""An attachment the citizen sends with a reply to an information request is listed
under the case page's "Vedlegg" (and under its message)."""

from datetime import timedelta

from django.utils import timezone

from referrals.applications import services
from referrals.cases.models import Application
from referrals.casework import services as casework
from tests.referrals.casework.factories import take
from tests.referrals.helpers import upload


def test_a_reply_attachment_is_listed_under_vedlegg(world, login):
    case = take(world.case, world.staff.north)
    casework.request_information(
        application=case,
        actor=world.staff.north,
        body="Send oss legeerklæringen.",
        reply_by=timezone.localdate() + timedelta(days=14),
    )
    services.reply_to_municipality(
        application=Application.objects.get(pk=case.pk),
        user=world.citizen,
        body="Her er den.",
        files=[upload("svar-vedlegg.pdf")],
    )
    html = login(world.staff.north).get(f"/saksbehandling/{case.reference}/").content.decode()
    documents = html[html.index('id="documents-heading"') :]
    documents = documents[: documents.index("</section>")]
    assert "svar-vedlegg.pdf" in documents
    assert "sendt med et svar" in documents
    assert "legeerklaering.pdf" in documents  # the application's own, as before
