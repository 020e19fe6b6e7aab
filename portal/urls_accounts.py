"""Citizen registration, log-in with ID-porten and the e-mail address of an ID-porten
account. Include in portal/urls.py as
``path("", include("portal.urls_accounts"))`` (namespace "accounts")."""

from django.urls import path

from portal import idporten_sessions, oidc, views_accounts

app_name = "accounts"

urlpatterns = [
    path("konto/registrer/", views_accounts.register, name="register"),
    path("konto/registrer/sendt/", views_accounts.register_done, name="register_done"),
    path("konto/bekreft/<str:token>/", views_accounts.verify, name="verify"),
    path("konto/e-post/", views_accounts.email, name="email"),
    path("konto/e-post/bekreft/<str:token>/", views_accounts.email_confirm, name="email_confirm"),
]

# ID-porten (OpenID Connect); 404 unless IDPORTEN_ENABLED.
urlpatterns += [
    path("konto/id-porten/", oidc.start, name="oidc_start"),
    path("konto/id-porten/callback/", oidc.callback, name="oidc_callback"),
    path("konto/id-porten/mislyktes/", oidc.failed, name="oidc_failed"),
    path("konto/id-porten/legg-til/", oidc.link, name="oidc_link"),
    # frontchannel_logout_uri and backchannel_logout_uri, as registered with ID-porten.
    path(
        "konto/id-porten/utlogget/",
        idporten_sessions.frontchannel_logout,
        name="oidc_frontchannel_logout",
    ),
    path(
        "konto/id-porten/utlogging/",
        idporten_sessions.backchannel_logout,
        name="oidc_backchannel_logout",
    ),
]
