"""/tilbud/ for anonymous visitors: the page around the list is written once per
language (catalogue.list_frame) and is the page the template writes."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import mark_safe

from catalogue import list_frame
from portal.roles import Role
from tests.catalogue.factories import OfferFactory
from tests.factories import make_user

pytestmark = pytest.mark.django_db
BODY = '<div class="body">Treff: <b>1</b> &amp; mer</div>'


def anonymous_request(path: str = "/tilbud/"):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return request


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize(
    "query", ["", "strikking", "<script>alert('x')</script> & \"sitat\"", "æøå " * 25]
)
def test_the_frame_gives_the_templates_page(language, query):
    path = f"/tilbud/?q={query}&side=2"
    with translation.override(language):
        expected = render_to_string(
            list_frame.TEMPLATE,
            {"body": mark_safe(BODY), "query": query, "current_path": path, "csrf_token": "T0K"},  # noqa: S308
            request=anonymous_request(),
        )
        framed = list_frame.render(
            anonymous_request(), body=BODY, query=query, current_path=path, csrf_token="T0K"
        )
    assert framed == expected
    assert framed.count(BODY) == 1


def test_a_value_is_never_scanned_for_the_marks():
    query = f"{list_frame._MARKS('body')} {list_frame._MARKS('csrf')}"
    framed = list_frame.render(
        anonymous_request(),
        body="<p>results</p>",
        query=query,
        current_path="/tilbud/",
        csrf_token="T",
    )
    assert framed.count("<p>results</p>") == 1
    assert query in framed  # shown as typed, not replaced


def test_anonymous_visitors_get_the_frame_and_logged_in_users_their_own_page(client):
    OfferFactory(slug="strikkekafe", title="Strikkekafé")
    list_frame._frames.clear()
    anonymous = client.get("/tilbud/?q=strikking").content.decode()
    assert ("nb", True) in list_frame._frames
    assert "Strikkekafé" in anonymous
    assert 'name="csrfmiddlewaretoken" value="' in anonymous
    assert not any(
        list_frame._MARKS(name) in anonymous for name in ("body", "query", "path", "csrf")
    )
    user = make_user(Role.CITIZEN, full_name="Kari Nordmann")
    client.force_login(user)
    logged_in = client.get("/tilbud/?q=strikking").content.decode()
    assert "Logget inn som Kari" in logged_in
    assert "Logget inn som" not in anonymous
