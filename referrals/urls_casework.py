"""/saksbehandling/: the casework pages. Included in ``referrals.urls`` (namespace
``referrals``). Cases are addressed by their reference, never an identity number."""

from django.urls import path

from referrals import views_casework as views
from referrals import views_statistics

urlpatterns = [
    path("saksbehandling/", views.QueueView.as_view(), name="queue"),
    path("saksbehandling/kapasitet/", views.CapacityView.as_view(), name="capacity"),
    path(
        "saksbehandling/statistikk/", views_statistics.StatisticsView.as_view(), name="statistics"
    ),
    path("saksbehandling/kpr/", views_statistics.KprExportView.as_view(), name="kpr_export"),
    path("saksbehandling/<reference:reference>/", views.CaseView.as_view(), name="case"),
    path(
        "saksbehandling/<reference:reference>/ta-saken/",
        views.AssignToMeView.as_view(),
        name="case_take",
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
        "saksbehandling/<reference:reference>/vedtak/<int:decision>/brev.pdf",
        views.LetterDownloadView.as_view(),
        name="case_letter",
    ),
    path(
        "saksbehandling/<reference:reference>/vedlegg/<uuid:attachment>/",
        views.AttachmentDownloadView.as_view(),
        name="case_attachment",
    ),
]
