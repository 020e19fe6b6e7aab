"""Unit leaders keep their unit's offers current: create, edit, preview, publish,
archive, mark as reviewed, and handle citizens' error reports.

Permissions are declared on each view; objects are always fetched through
``Offer.objects.for_user(user)`` and ``ErrorReport.objects.for_user(user)`` (see
``offer_for``), the rules the admin uses too (portal.admin_scoping), so another unit's
offer is a 404, never a 403 that would confirm it exists.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from catalogue import services
from catalogue.forms import OfferForm, OpeningPeriodFormSet, locations_for, opening_period_initial
from catalogue.models import ErrorReport, Offer, OfferChange, Unit
from catalogue.views_pdf import translated_texts
from portal.http import AuthenticatedHttpRequest


def staff_view(*permissions: str):
    """Log-in required (anonymous → log-in page), then the listed permissions (→ 403)."""

    def decorator(view):
        @wraps(view)
        @login_required
        @permission_required(permissions, raise_exception=True)
        def wrapped(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def offer_for(user, slug: str, queryset: QuerySet[Offer] | None = None) -> Offer:
    """The one way staff views fetch an offer: only offers the user manages, else 404."""
    queryset = queryset if queryset is not None else Offer.objects.all()
    in_scope = Offer.objects.for_user(user).values("pk")
    return get_object_or_404(queryset.filter(pk__in=in_scope), slug=slug)


ACTION_LABELS = {
    "catalogue.offer.created": gettext_lazy("opprettet"),
    "catalogue.offer.changed": gettext_lazy("endret"),
    "catalogue.offer.published": gettext_lazy("publisert"),
    "catalogue.offer.archived": gettext_lazy("arkivert"),
    "catalogue.offer.reviewed": gettext_lazy("merket som gjennomgått"),
}


@require_safe
@staff_view("catalogue.view_offer")
def staff_offers(request: AuthenticatedHttpRequest) -> HttpResponse:
    offers = list(
        Offer.objects.for_user(request.user)
        .select_related("unit")
        .annotate(
            open_reports=Count("error_reports", filter=Q(error_reports__handled_at__isnull=True))
        )
        .order_by("title")
    )
    for offer in offers:  # what a nynorsk reader would see in bokmål
        offer.missing_nynorsk = offer.untranslated_labels("nn")
    missing_nynorsk_count = sum(
        1 for o in offers if o.missing_nynorsk and o.status != Offer.Status.ARCHIVED
    )
    review_count = sum(1 for o in offers if o.needs_review and o.status != Offer.Status.ARCHIVED)
    offer_count = len(offers)
    # ?mangler=nynorsk: only the offers a nynorsk reader sees (partly) in bokmål.
    only_missing_nynorsk = request.GET.get("mangler") == "nynorsk"
    if only_missing_nynorsk:
        offers = [o for o in offers if o.missing_nynorsk]
    groups = [
        (status, label, [o for o in offers if o.status == status])
        for status, label in (
            (Offer.Status.DRAFT, _("Utkast")),
            (Offer.Status.PUBLISHED, _("Publisert")),
            (Offer.Status.ARCHIVED, _("Arkivert")),
        )
    ]
    return render(
        request,
        "catalogue/staff_offers.html",
        {
            "groups": groups,
            "offer_count": offer_count,
            "review_count": review_count,
            "missing_nynorsk_count": missing_nynorsk_count,
            "only_missing_nynorsk": only_missing_nynorsk,
            "open_reports": ErrorReport.objects.for_user(request.user)
            .filter(handled_at__isnull=True)
            .count(),
            "can_add": request.user.has_perm("catalogue.add_offer")
            and Unit.objects.for_user(request.user).exists(),
        },
    )


@require_safe
@staff_view("catalogue.view_offer")
def staff_review(request: AuthenticatedHttpRequest) -> HttpResponse:
    offers = (
        Offer.objects.for_user(request.user)
        .needing_review()
        .select_related("unit")
        .order_by("last_reviewed", "title")
    )
    return render(request, "catalogue/staff_review.html", {"offers": offers})


def _period_formset(request: HttpRequest, offer: Offer | None, user):
    locations = locations_for(user, offer)
    initial = opening_period_initial(offer) if offer is not None else []
    data = request.POST if request.method == "POST" else None
    return OpeningPeriodFormSet(
        data, initial=initial, prefix="periods", form_kwargs={"locations": locations}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view("catalogue.add_offer")
def staff_offer_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = OfferForm(request.POST or None, user=request.user)
    formset = _period_formset(request, None, request.user)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        offer = services.create_offer(
            user=request.user, fields=form.service_fields(), opening_periods=formset.periods()
        )
        messages.success(request, _("Utkastet er lagret. Forhåndsvis det før du publiserer."))
        return redirect("catalogue:staff_offer_edit", slug=offer.slug)
    return render(
        request,
        "catalogue/staff_offer_form.html",
        {"form": form, "formset": formset, "offer": None, "changes": []},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_view("catalogue.change_offer")
def staff_offer_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    offer = offer_for(
        request.user,
        slug,
        Offer.objects.prefetch_related("opening_periods", "categories", "locations", "languages"),
    )
    form = OfferForm(request.POST or None, instance=offer, user=request.user)
    formset = _period_formset(request, offer, request.user)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        changed = services.update_offer(
            offer=offer,
            user=request.user,
            fields=form.service_fields(),
            opening_periods=formset.periods(),
        )
        if changed:
            messages.success(request, _("Endringene er lagret."))
        else:
            messages.info(request, _("Ingen endringer å lagre."))
        return redirect("catalogue:staff_offer_edit", slug=slug)
    changes = OfferChange.objects.filter(offer=offer).select_related("user")[:50]
    return render(
        request,
        "catalogue/staff_offer_form.html",
        {
            "form": form,
            "formset": formset,
            "offer": offer,
            "t": translated_texts(offer),
            "changes": [
                {
                    "change": c,
                    "label": ACTION_LABELS.get(c.action, c.action),
                    "fields": _field_labels(c.changed_fields),
                }
                for c in changes
            ],
            "open_reports": ErrorReport.objects.for_user(request.user)
            .filter(offer=offer, handled_at__isnull=True)
            .count(),
            "can_publish": request.user.has_perm("catalogue.publish_offer"),
        },
    )


def _field_labels(names: list[str]) -> list[str]:
    from catalogue.forms import OFFER_LABELS

    extra = {
        "opening_periods": _("Åpningstider"),
        "status": _("Status"),
        "published_at": _("Publisert"),
        "last_reviewed": _("Sist gjennomgått"),
    }
    return [str(OFFER_LABELS.get(name) or extra.get(name) or name) for name in names]


@require_safe
@staff_view("catalogue.change_offer")
def staff_offer_preview(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The public offer page as it will look, for a draft (or any status): the same
    body the public page renders (catalogue.views_public), never cached."""
    from catalogue.views_public import render_offer_body

    offer = offer_for(request.user, slug, Offer.objects.select_related("unit", "service_type"))
    entry = render_offer_body(offer)
    return render(
        request,
        "catalogue/staff_preview.html",
        {
            "body": mark_safe(entry["html"]),  # noqa: S308 - our own template's output
            "title": entry["title"],
            "offer": offer,
            "can_publish": request.user.has_perm("catalogue.publish_offer"),
        },
    )


@require_POST
@staff_view("catalogue.publish_offer")
def staff_offer_publish(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    offer = offer_for(request.user, slug)
    try:
        services.publish_offer(offer=offer, user=request.user)
    except services.OfferStateError:
        messages.error(
            request, _("Tilbudet trenger minst ett sted og én kategori før det kan publiseres.")
        )
        return redirect("catalogue:staff_offer_edit", slug=slug)
    messages.success(request, _("Tilbudet er publisert og synlig for alle."))
    return redirect("catalogue:staff_offer_edit", slug=slug)


@require_POST
@staff_view("catalogue.publish_offer")
def staff_offer_archive(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    offer = offer_for(request.user, slug)
    services.archive_offer(offer=offer, user=request.user)
    messages.success(request, _("Tilbudet er arkivert og vises ikke lenger i katalogen."))
    return redirect("catalogue:staff_offer_edit", slug=slug)


@require_POST
@staff_view("catalogue.change_offer")
def staff_offer_reviewed(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    offer = offer_for(request.user, slug)
    services.mark_offer_reviewed(offer=offer, user=request.user)
    messages.success(request, _("Tilbudet er merket som gjennomgått i dag."))
    target = request.POST.get("next")
    if target == "review":
        return redirect("catalogue:staff_review")
    return redirect("catalogue:staff_offer_edit", slug=slug)


@require_safe
@staff_view("catalogue.view_errorreport")
def staff_reports(request: AuthenticatedHttpRequest) -> HttpResponse:
    reports = ErrorReport.objects.for_user(request.user).select_related("offer", "handled_by")
    show_handled = request.GET.get("vis") == "alle"
    if not show_handled:
        reports = reports.filter(handled_at__isnull=True)
    return render(
        request,
        "catalogue/staff_reports.html",
        {"reports": reports[:200], "show_handled": show_handled},
    )


@require_POST
@staff_view("catalogue.change_errorreport")
def staff_report_handled(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(ErrorReport.objects.for_user(request.user), pk=pk)
    services.mark_report_handled(report=report, user=request.user)
    messages.success(request, _("Meldingen er merket som behandlet."))
    return redirect("catalogue:staff_reports")
