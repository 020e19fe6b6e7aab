"""The citizen's pages: applying (/soknad/) and "my applications" (/mine-soknader/).
Paths are Norwegian and stable; references (2026-000123) and random ids appear in URLs,
never identity numbers."""

from django.urls import path

from referrals.applications import views, views_caregiver, views_matching, views_mine

urlpatterns = [
    path("soknad/", views.apply_start, name="apply_start"),
    path("soknad/<uuid:key>/send/", views.apply_submit, name="apply_submit"),
    path("soknad/<uuid:key>/slett/", views.draft_delete_confirm, name="draft_delete_confirm"),
    path("soknad/<uuid:key>/slett/bekreft/", views.draft_delete, name="draft_delete"),
    path(
        "soknad/<uuid:key>/vedlegg/<uuid:attachment>/fjern/",
        views.draft_attachment_delete,
        name="draft_attachment_delete",
    ),
    # A caregiver's own application (pårørendestøtte): its own path.
    path(
        "soknad/<uuid:key>/parorende/send/",
        views_caregiver.caregiver_submit,
        name="caregiver_submit",
    ),
    path(
        "soknad/<uuid:key>/parorende/<slug:step>/",
        views_caregiver.caregiver_step,
        name="caregiver_step",
    ),
    path("soknad/<uuid:key>/<slug:step>/", views.apply_step, name="apply_step"),
    path("soknad/kvittering/<reference:reference>/", views.receipt, name="receipt"),
    path("mine-soknader/", views_mine.my_applications, name="my_applications"),
    path(
        "mine-soknader/<reference:reference>/",
        views_mine.application_detail,
        name="application_detail",
    ),
    path("mine-soknader/<reference:reference>/soknad.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("mine-soknader/<reference:reference>/svar/", views_mine.reply, name="reply"),
    path(
        "mine-soknader/<reference:reference>/stottekontakt/svar/",
        views_matching.answer,
        name="match_answer",
    ),
    path(
        "mine-soknader/<reference:reference>/stottekontakt/oppfolging/",
        views_matching.check_in,
        name="match_check_in",
    ),
    path(
        "mine-soknader/<reference:reference>/dokumenter/",
        views_mine.add_documents,
        name="add_documents",
    ),
    path(
        "mine-soknader/<reference:reference>/trekk-tilbake/",
        views_mine.withdraw_confirm,
        name="withdraw_confirm",
    ),
    path(
        "mine-soknader/<reference:reference>/trekk-tilbake/bekreft/",
        views_mine.withdraw,
        name="withdraw",
    ),
    path(
        "mine-soknader/<reference:reference>/avslutt-tilgang/",
        views_mine.end_representation_confirm,
        name="end_representation_confirm",
    ),
    path(
        "mine-soknader/<reference:reference>/avslutt-tilgang/bekreft/",
        views_mine.end_representation,
        name="end_representation",
    ),
    path("mine-soknader/<reference:reference>/klage/", views_mine.appeal_form, name="appeal"),
    path(
        "mine-soknader/<reference:reference>/klage/send/",
        views_mine.appeal_submit,
        name="appeal_submit",
    ),
    path(
        "mine-soknader/<reference:reference>/vedlegg/<uuid:attachment>/",
        views_mine.attachment_download,
        name="attachment_download",
    ),
    path(
        "mine-soknader/<reference:reference>/vedtak/<int:decision>/",
        views_mine.decision_letter,
        name="decision_letter",
    ),
    path(
        "mine-soknader/<reference:reference>/vedtak/<int:decision>/engelsk/",
        views_mine.decision_letter_english,
        name="decision_letter_english",
    ),
    path(
        "mine-soknader/<reference:reference>/forelopig-svar/<int:reply>/",
        views_mine.preliminary_reply_letter,
        name="preliminary_reply_letter",
    ),
]
