"""Letters handed to the people allowed to have them: the English courtesy copy of a
decision letter is rendered on demand and never stored."""

from django.http import Http404, HttpResponse

from portal.documents.downloads import bytes_download
from referrals.cases.models import Decision, DecisionContent
from referrals.letters.rendering import render_decision_letter_courtesy_copy


def courtesy_copy_response(decision: Decision, reference: str) -> HttpResponse:
    """The English courtesy copy, rendered on demand (never stored); 404 for a decision
    without stored content."""
    try:
        pdf = render_decision_letter_courtesy_copy(decision)
    except DecisionContent.DoesNotExist as error:
        raise Http404 from error
    return bytes_download(
        pdf, content_type="application/pdf", name=f"vedtak-{reference}-english.pdf"
    )
