"""/saksbehandling/: the casework pages. Gathered in ``referrals.urls`` (namespace
``referrals``). Cases are addressed by their reference, never an identity number."""

from django.urls import path

from referrals.casework import (
    views,
    views_access_log,
    views_corrections,
    views_print,
    views_roles,
)

urlpatterns = [
    path("saksbehandling/", views.QueueView.as_view(), name="queue"),
    path("saksbehandling/finn-person/", views.PersonSearchView.as_view(), name="person_search"),
    path(
        "saksbehandling/tilgangslogg/",
        views_access_log.AccessLogView.as_view(),
        name="access_log",
    ),
    path("saksbehandling/roller/", views_roles.RolesView.as_view(), name="roles"),
    path("saksbehandling/roller/gi/", views_roles.GrantRoleView.as_view(), name="roles_grant"),
    path("saksbehandling/roller/fjern/", views_roles.RevokeRoleView.as_view(), name="roles_revoke"),
    path("saksbehandling/utskrift/", views_print.PrintQueueView.as_view(), name="print_queue"),
    path(
        "saksbehandling/utskrift/lag-bunke/",
        views_print.MakeBatchView.as_view(),
        name="print_make_batch",
    ),
    path(
        "saksbehandling/utskrift/<int:batch>/", views_print.BatchView.as_view(), name="print_batch"
    ),
    path(
        "saksbehandling/utskrift/<int:batch>/bunke.pdf",
        views_print.BatchPdfView.as_view(),
        name="print_batch_pdf",
    ),
    path(
        "saksbehandling/utskrift/<int:batch>/skrevet-ut/",
        views_print.MarkPrintedView.as_view(),
        name="print_batch_printed",
    ),
    path("saksbehandling/<reference:reference>/", views.CaseView.as_view(), name="case"),
    path(
        "saksbehandling/<reference:reference>/ta-saken/",
        views.AssignToMeView.as_view(),
        name="case_take",
    ),
    path(
        "saksbehandling/<reference:reference>/finn-stottekontakt/",
        views.RequestHelperView.as_view(),
        name="case_request_helper",
    ),
    path(
        "saksbehandling/<reference:reference>/tildel/",
        views.AssignView.as_view(),
        name="case_assign",
    ),
    path(
        "saksbehandling/<reference:reference>/avslutt/",
        views.CloseView.as_view(),
        name="case_close",
    ),
    path(
        "saksbehandling/<reference:reference>/gjenapne/",
        views.ReopenView.as_view(),
        name="case_reopen",
    ),
    path("saksbehandling/<reference:reference>/notat/", views.NoteView.as_view(), name="case_note"),
    path(
        "saksbehandling/<reference:reference>/postadresse/",
        views.PostalAddressView.as_view(),
        name="case_postal_address",
    ),
    path(
        "saksbehandling/<reference:reference>/be-om-opplysninger/",
        views.RequestInformationView.as_view(),
        name="case_request_information",
    ),
    path(
        "saksbehandling/<reference:reference>/forelopig-svar/",
        views.PreliminaryReplyView.as_view(),
        name="case_preliminary_reply",
    ),
    path(
        "saksbehandling/<reference:reference>/forelopig-svar/<int:reply>/brev.pdf",
        views.PreliminaryLetterView.as_view(),
        name="case_preliminary_letter",
    ),
    path(
        "saksbehandling/<reference:reference>/kartlegging/",
        views.AssessmentView.as_view(),
        name="case_assessment",
    ),
    path(
        "saksbehandling/<reference:reference>/klage/registrer/",
        views.PaperAppealView.as_view(),
        name="case_paper_appeal",
    ),
    path(
        "saksbehandling/<reference:reference>/klage/send-statsforvalteren/",
        views.ForwardAppealView.as_view(),
        name="case_forward_appeal",
    ),
    path(
        "saksbehandling/<reference:reference>/klage/avgjorelse/",
        views.StatsforvalterOutcomeView.as_view(),
        name="case_appeal_outcome",
    ),
    path(
        "saksbehandling/<reference:reference>/klage/<int:forwarding>/saksdokumenter.pdf",
        views.CaseFileView.as_view(),
        name="case_appeal_file",
    ),
    path(
        "saksbehandling/<reference:reference>/vedtak/",
        views.DecisionView.as_view(),
        name="case_decide",
    ),
    path(
        "saksbehandling/<reference:reference>/drofting/",
        views.ConsultView.as_view(),
        name="case_consult",
    ),
    path(
        "saksbehandling/<reference:reference>/drofting/<int:consultation>/svar/",
        views.AnswerConsultationView.as_view(),
        name="case_consultation_answer",
    ),
    path(
        "saksbehandling/<reference:reference>/vedtak/godkjenning/<int:proposal>/godkjenn/",
        views.ApproveDecisionView.as_view(),
        name="case_approve_decision",
    ),
    path(
        "saksbehandling/<reference:reference>/vedtak/godkjenning/<int:proposal>/send-tilbake/",
        views.ReturnDecisionView.as_view(),
        name="case_return_decision",
    ),
    path(
        "saksbehandling/<reference:reference>/vedtak/<int:decision>/brev.pdf",
        views.LetterDownloadView.as_view(),
        name="case_letter",
    ),
    path(
        "saksbehandling/<reference:reference>/vedtak/<int:decision>/rett/",
        views_corrections.CorrectDecisionView.as_view(),
        name="case_correct_decision",
    ),
    path(
        "saksbehandling/<reference:reference>/vedtak/<int:decision>/brev-engelsk.pdf",
        views.CourtesyLetterView.as_view(),
        name="case_letter_english",
    ),
    path(
        "saksbehandling/<reference:reference>/vedlegg/<uuid:attachment>/",
        views.AttachmentDownloadView.as_view(),
        name="case_attachment",
    ),
]
