"""How long a session from ID-porten lives, and how ID-porten ends it: front-channel
logout (the framed ``frontchannel_logout_uri``, found by ``sid`` without the cookie),
back-channel logout (a signed ``logout_token``, checked like an ID token), the idle and
the absolute limit. Log-ins come from the stubbed provider of
tests/referrals/applications/test_idporten.py; the journeys against a real provider are in
tests/browser/test_idporten_journeys.py."""

import time
from datetime import timedelta

import jwt
import pytest
import time_machine
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.idporten_sessions import BACKCHANNEL_LOGOUT_EVENT
from portal.models import EndedIdPortenSession
from tests.idporten_stub import (
    CLIENT_ID,
    ISSUER,
    PRIVATE_KEY,
    StubProvider,
    begin,
    finish,
    good_claims,
)
from tests.portal.html import parse
from tests.portal.users import user_with_password
from tests.referrals.helpers import national_id

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("idporten")]

FRONTCHANNEL = reverse("accounts:oidc_frontchannel_logout")
BACKCHANNEL = reverse("accounts:oidc_backchannel_logout")
MY_APPLICATIONS = reverse("referrals:my_applications")
SID = "idporten-sid-1"


@pytest.fixture(autouse=True)
def logout_endpoint(settings):
    settings.OIDC_OP_LOGOUT_ENDPOINT = "https://login.idporten.test/logout"


@pytest.fixture
def provider(monkeypatch):
    return StubProvider(monkeypatch)


def log_in(client, provider, **claims):
    params = begin(client)
    finish(client, provider, params, good_claims(params, national_id(), **claims))
    assert get_user(client).is_authenticated
    assert client.get(MY_APPLICATIONS).status_code == 200


def logged_in(client) -> bool:
    return client.get(MY_APPLICATIONS).status_code == 200


# --- front-channel logout -------------------------------------------------------------


def test_front_channel_logout_ends_the_session_without_its_cookie(client, provider):
    log_in(client, provider)

    # ID-porten's log-out page frames the URL; the browser sends no cookie of ours.
    response = Client().get(FRONTCHANNEL, {"iss": ISSUER, "sid": SID})

    assert response.status_code == 200
    assert EndedIdPortenSession.objects.filter(sid=SID).exists()
    assert not logged_in(client)
    page = parse(client.get("/").content)
    assert "Du er logget ut fordi du logget ut av ID-porten." in page.one(".site-messages").text
    assert page.select(".site-header__login")


def test_front_channel_logout_may_be_framed_by_idporten_only(client):
    response = client.get(FRONTCHANNEL, {"iss": ISSUER, "sid": SID})
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors https://login.idporten.test" in policy
    assert "frame-ancestors 'none'" not in policy
    assert "X-Frame-Options" not in response
    assert "no-store" in response["Cache-Control"]
    # Every other page still refuses to be framed.
    home = client.get("/")
    assert "frame-ancestors 'none'" in home["Content-Security-Policy"]
    assert home["X-Frame-Options"] == "DENY"


def test_front_channel_logout_ends_the_session_when_the_cookie_comes_along(client, provider):
    log_in(client, provider)
    client.get(FRONTCHANNEL, {"iss": ISSUER, "sid": SID})
    assert not get_user(client).is_authenticated


@pytest.mark.parametrize(
    "query",
    [{"iss": "https://evil.example", "sid": SID}, {"iss": ISSUER}, {"sid": SID}, {}],
    ids=["wrong-issuer", "no-sid", "no-issuer", "nothing"],
)
def test_front_channel_logout_needs_idportens_issuer_and_a_sid(client, provider, query):
    log_in(client, provider)
    response = Client().get(FRONTCHANNEL, query)
    assert response.status_code == 400
    assert not EndedIdPortenSession.objects.exists()
    assert logged_in(client)


def test_another_idporten_session_is_left_alone(client, provider):
    log_in(client, provider)
    Client().get(FRONTCHANNEL, {"iss": ISSUER, "sid": "another-citizens-sid"})
    assert logged_in(client)


# --- back-channel logout --------------------------------------------------------------


def logout_token(**overrides) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "iat": now,
        "exp": now + 120,
        "jti": "logout-1",
        "sub": "pairwise-sub",
        "sid": SID,
        "events": {BACKCHANNEL_LOGOUT_EVENT: {}},
        **overrides,
    }
    claims = {key: value for key, value in claims.items() if value is not None}
    return jwt.encode(claims, PRIVATE_KEY, algorithm="RS256", headers={"kid": "k1"})


def test_back_channel_logout_ends_the_session(client, provider):
    log_in(client, provider)

    response = Client(enforce_csrf_checks=True).post(BACKCHANNEL, {"logout_token": logout_token()})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not logged_in(client)


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(lambda: logout_token(aud="another-client"), id="wrong-audience"),
        pytest.param(lambda: logout_token(iss="https://evil.example"), id="wrong-issuer"),
        pytest.param(lambda: logout_token(events=None), id="no-event"),
        pytest.param(lambda: logout_token(events={"other": {}}), id="other-event"),
        pytest.param(lambda: logout_token(nonce="n"), id="with-nonce"),
        pytest.param(lambda: logout_token(sid=None), id="no-sid"),
        pytest.param(lambda: logout_token(jti=None), id="no-jti"),
        pytest.param(
            lambda: logout_token(iat=int(time.time()) - 3600, exp=int(time.time()) + 60),
            id="old",
        ),
        pytest.param(lambda: logout_token(exp=int(time.time()) - 3600), id="expired"),
        pytest.param(
            lambda: jwt.encode(
                {"iss": ISSUER, "aud": CLIENT_ID, "sid": SID}, "hemmelig", algorithm="HS256"
            ),
            id="hs256-with-the-client-secret",
            marks=pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning"),
        ),
        pytest.param(
            lambda: jwt.encode(
                {
                    "iss": ISSUER,
                    "aud": CLIENT_ID,
                    "iat": int(time.time()),
                    "jti": "x",
                    "sid": SID,
                    "events": {BACKCHANNEL_LOGOUT_EVENT: {}},
                },
                PRIVATE_KEY,
                algorithm="RS256",
            ),
            id="no-kid",
        ),
        pytest.param(lambda: "not-a-token", id="garbage"),
        pytest.param(lambda: "", id="missing"),
    ],
)
def test_a_bad_logout_token_is_refused(client, provider, token):
    log_in(client, provider)
    response = Client().post(BACKCHANNEL, {"logout_token": token()})
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_request"}
    assert logged_in(client)


def test_back_channel_logout_says_so_when_idporten_cannot_be_reached(client, settings):
    # A real connection to a closed port on loopback: the signing keys cannot be fetched.
    settings.OIDC_OP_JWKS_ENDPOINT = "http://127.0.0.1:9/jwks.json"
    response = Client().post(BACKCHANNEL, {"logout_token": logout_token()})
    assert response.status_code == 503
    assert response.json() == {"error": "temporarily_unavailable"}


def test_back_channel_logout_accepts_post_only(client):
    assert client.get(BACKCHANNEL).status_code == 405


def test_the_logout_endpoints_are_off_unless_idporten_is_enabled(client, settings):
    settings.IDPORTEN_ENABLED = False
    assert client.get(FRONTCHANNEL, {"iss": ISSUER, "sid": SID}).status_code == 404
    assert client.post(BACKCHANNEL, {"logout_token": logout_token()}).status_code == 404


def test_old_records_of_ended_sessions_are_removed(provider, client):
    EndedIdPortenSession.objects.create(sid="old", ended_at=timezone.now() - timedelta(hours=3))
    EndedIdPortenSession.objects.create(sid="recent", ended_at=timezone.now())
    Client().get(FRONTCHANNEL, {"iss": ISSUER, "sid": SID})
    assert set(EndedIdPortenSession.objects.values_list("sid", flat=True)) == {"recent", SID}


# --- session length -------------------------------------------------------------------


def test_a_session_ends_after_30_minutes_without_a_request(client, provider):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        log_in(client, provider)
        traveller.shift(timedelta(minutes=29))
        assert logged_in(client)
        traveller.shift(timedelta(minutes=29))  # 58 minutes in, but active
        assert logged_in(client)
        traveller.shift(timedelta(minutes=31))
        response = client.get("/")
        assert not get_user(client).is_authenticated
        assert "Innloggingen din er utløpt." in parse(response.content).one(".site-messages").text


def test_a_session_ends_120_minutes_after_the_authentication_however_active(client, provider):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        log_in(client, provider)
        for _ in range(4):
            traveller.shift(timedelta(minutes=29))
            assert logged_in(client)  # 116 minutes
        traveller.shift(timedelta(minutes=5))
        assert not logged_in(client)


def test_the_session_ends_when_idportens_session_would_from_auth_time(client, provider):
    # An SSO log-in: the citizen authenticated at ID-porten 100 minutes ago.
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        log_in(client, provider, auth_time=int(time.time()) - 100 * 60)
        traveller.shift(timedelta(minutes=19))
        assert logged_in(client)
        traveller.shift(timedelta(minutes=2))
        assert not logged_in(client)


def test_the_limits_can_be_configured(client, provider, settings):
    settings.IDPORTEN_SESSION_IDLE_SECONDS = 10 * 60
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        log_in(client, provider)
        traveller.shift(timedelta(minutes=11))
        assert not logged_in(client)


def test_a_local_log_in_keeps_the_ordinary_session(client):
    client.force_login(user_with_password(email="kari@example.no"))
    with time_machine.travel(timezone.now() + timedelta(hours=3), tick=False):
        assert logged_in(client)
