"""The citizen's shortlist ("huskeliste"): add and remove by POST, a page, and one PDF."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from catalogue import page_cache
from catalogue.models import Offer
from catalogue.shortlist import MAX_ITEMS, Shortlist
from catalogue.views_pdf import (
    base_pdf_context,
    brochure_context,
    current_language,
    offer_queryset_for_print,
    print_version,
    printable,
    stored_pdf_response,
)
from portal.documents.pdf import render_pdf


def _redirect_back(request: HttpRequest) -> HttpResponseRedirect:
    """Back to where the button was pressed (only this site), else to the shortlist."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("catalogue:shortlist")
    return HttpResponseRedirect(target)


@require_POST
def shortlist_add(request: HttpRequest, slug: str) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.published(), slug=slug)
    if Shortlist(request.session).add(offer):
        messages.success(
            request, _("«%(title)s» er lagt i huskelisten.") % {"title": offer.tr("title")}
        )
    else:
        messages.error(
            request,
            _("Huskelisten er full (%(max)d tilbud). Fjern noe før du legger til mer.")
            % {"max": MAX_ITEMS},
        )
    return _redirect_back(request)


@require_POST
def shortlist_remove(request: HttpRequest, slug: str) -> HttpResponse:
    # Removing works for offers that were archived after they were added, too.
    offer = get_object_or_404(
        Offer.objects.filter(pk__in=Shortlist(request.session).ids), slug=slug
    )
    Shortlist(request.session).remove(offer)
    messages.success(
        request, _("«%(title)s» er fjernet fra huskelisten.") % {"title": offer.tr("title")}
    )
    return _redirect_back(request)


@require_GET
def shortlist_page(request: HttpRequest) -> HttpResponse:
    offers = Shortlist(request.session).offers(offer_queryset_for_print())
    return render(request, "catalogue/shortlist.html", {"entries": printable(offers)})


@require_GET
def shortlist_pdf(request: HttpRequest) -> HttpResponse:
    """The shortlist as a PDF, stored by the offers on it (in their order) like the
    brochure: the same list is rendered once per catalogue version and language."""
    shortlist = Shortlist(request.session)
    ids = shortlist.ids
    version = print_version()

    def render_shortlist() -> bytes:
        context = {
            **base_pdf_context(title=_("Min huskeliste")),
            **brochure_context(shortlist.offers(offer_queryset_for_print())),
            "intro": _("Tilbudene du har lagt i huskelisten."),
        }
        return render_pdf("catalogue/pdf_brochure.html", context, language=current_language())

    return stored_pdf_response(
        request,
        key=page_cache.cache_key("shortlist-pdf", version, ",".join(map(str, ids))),
        make=render_shortlist,
        filename="huskeliste.pdf",
    )
