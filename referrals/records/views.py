"""The citizen's download of everything the portal holds about them, as JSON and PDF."""

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from portal.documents.downloads import bytes_download
from portal.http import AuthenticatedHttpRequest
from referrals.records import personal_data


def _export_name(extension: str) -> str:
    return personal_data.export_file_name(today=timezone.localdate(), extension=extension)


@login_required
@require_safe
def personal_data_json(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everything the portal holds about the user in their applications (GDPR art. 15
    and 20), as JSON; the same content as the PDF."""
    data = personal_data.personal_data_for(request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return bytes_download(
        body.encode(), content_type="application/json; charset=utf-8", name=_export_name("json")
    )


@login_required
@require_safe
def personal_data_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = personal_data.personal_data_for(request.user)
    pdf = personal_data.render_personal_data_pdf(data, language=translation.get_language() or "nb")
    return bytes_download(pdf, content_type="application/pdf", name=_export_name("pdf"))
