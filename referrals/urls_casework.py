"""/saksbehandling/: the casework pages. Included in ``referrals.urls`` (namespace
``referrals``). Cases are addressed by their reference, never an identity number."""

from django.urls import path

from referrals import views_casework as views

urlpatterns = [
    path("saksbehandling/", views.QueueView.as_view(), name="queue"),
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
    path(
        "saksbehandling/<reference:reference>/notat/", views.NoteView.as_view(), name="case_note"
    ),
    path(
        "saksbehandling/<reference:reference>/be-om-opplysninger/",
        views.RequestInformationView.as_view(),
        name="case_request_information",
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
