from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tilgjengelighet/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("personvern/", views.PrivacyNoticeView.as_view(), name="privacy"),
    path("konto/logg-inn/", views.LoginView.as_view(), name="login"),
    path("konto/logg-ut/", views.LogoutView.as_view(), name="logout"),
    path("konto/logg-ut/id-porten/", views.logout_idporten, name="logout_idporten"),
    path("konto/glemt-passord/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "konto/glemt-passord/sendt/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "konto/nytt-passord/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "konto/nytt-passord/ferdig/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
