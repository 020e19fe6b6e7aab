"""Every page and every form error reads in one language: bokmål, nynorsk or English.

Each page of the portal (the URL configuration, walked by tests/urls_walk.py, plus every step of the application and the guide, the error
pages and the admin) is rendered in nb, nn and en as the person who uses it (the access
matrix's world, tests/security/matrix_world.py). Every form is posted empty and with
wrong values, so the error messages (Django's own, the password validators, the admin's)
are rendered too. The visible text is searched for words of the other languages
(tests/i18n/leaks.py); a leak fails with the URL and the phrase.

Text a person typed (names, messages, reasons: fields that have no translations) may be
in any language and is left out. Catalogue texts that have translations (``_nn``,
``_en``) are not: where the reader's language is missing, the page must mark the
bokmål text with ``lang="nb"``.
"""

import io
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from io import BytesIO
from unittest.mock import patch

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import SuspiciousOperation
from django.db import OperationalError, models, transaction
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import URLPattern, reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from pypdf import PdfWriter

from catalogue.views_guide import STEPS as GUIDE_STEPS
from portal.documents import pdf
from portal.errors import bad_request, server_error
from referrals.applications.steps import STEPS as APPLY_STEPS
from tests.i18n.leaks import leaks, parse_page
from tests.portal.html import parse
from tests.referrals.helpers import MODEL_BACKEND, make_user
from tests.security.access_matrix import MATRIX
from tests.security.matrix_world import MatrixWorld
from tests.urls_walk import FORMS, POST_ONLY, READ_ONLY, URLCONF, all_urls

LANGUAGES = ["nb", "nn", "en"]

# Who looks at a page, in this order of preference among those the access matrix allows.
PREFERRED_ROLES = [
    "owner",
    "relative",
    "caseworker",
    "leader_unrelated",
    "leader_consulted",
    "admin",
    "stranger",  # citizen B, in the matrix world also a helper with a proposed match
]


@dataclass(frozen=True)
class Visit:
    name: str  # the URL name, or a label for pages that are not a URL name
    role: str
    kwargs: object = None  # MatrixWorld -> dict
    query: str = ""
    get: bool = True
    post: bool = False


def _role(name: str) -> str:
    if name in MATRIX:
        allowed = MATRIX[name].allowed
        return next(role for role in PREFERRED_ROLES if role in allowed)
    if name.startswith("catalogue:staff"):
        return "leader_unrelated"
    if name.startswith(
        ("referrals:queue", "referrals:capacity", "referrals:statistics", "referrals:print")
    ):
        return "caseworker"
    if name == "referrals:kpr_export" or name.startswith("referrals:roles"):
        return "admin"
    if name == "accounts:email" or name.startswith(
        ("referrals:", "catalogue:shortlist", "catalogue:my_signup")
    ):
        return "owner"
    return "anonymous"


def _kwargs(name: str, pattern: URLPattern):
    if name in MATRIX:
        return MATRIX[name].kwargs
    params = list(pattern.pattern.converters)

    def build(matrix_world: MatrixWorld) -> dict:
        values = {
            "slug": matrix_world.objects["moon_offer"].slug,
            "step": GUIDE_STEPS[0].slug,
            "token": "ugyldig",
            "uidb64": urlsafe_base64_encode(force_bytes(matrix_world.users["owner"].pk)),
        }
        if name.startswith("catalogue:signup"):
            values["slug"] = matrix_world.objects["moon_course"].slug
        kwargs = {param: values[param] for param in params}
        if name == "portal:password_reset_confirm":
            kwargs["token"] = default_token_generator.make_token(matrix_world.users["owner"])
        return kwargs

    return build


def _visits() -> list[Visit]:
    visits = []
    for name, _route, pattern in all_urls():
        if name not in READ_ONLY | FORMS | POST_ONLY:
            continue
        visits.append(
            Visit(
                name,
                _role(name),
                _kwargs(name, pattern),
                get=name in READ_ONLY | FORMS,
                post=name in FORMS | POST_ONLY,
            )
        )
    # Every step of the application and of the guide, and pages with their filters on.
    for step in APPLY_STEPS[1:]:
        visits.append(
            Visit(
                "referrals:apply_step",
                "owner",
                lambda w, slug=step.slug: {"key": w.draft.public_id, "step": slug},
                post=True,
            )
        )
    for step in GUIDE_STEPS[1:]:
        visits.append(
            Visit("catalogue:guide_step", "anonymous", lambda w, s=step.slug: {"step": s})
        )
    visits += [
        Visit("catalogue:guide_step", "anonymous", lambda w: {"step": "dager"}, query="dag=x"),
        Visit("catalogue:offer_list", "anonymous", query="q=zzz&dag=x&bydel=x&sortering=x"),
        Visit("catalogue:offer_list", "anonymous", query="dag=mandag&kategori=x&ledig=x"),
        Visit("catalogue:staff_offers", "leader_unrelated", query="mangler=nynorsk"),
        Visit("referrals:queue", "caseworker", query="status=x&tjeneste=x&side=x"),
        Visit("referrals:access_log", "admin", query="fra=x&til=x"),
        Visit("not-found", "anonymous"),
        Visit("forbidden", "owner"),
    ]
    return visits


VISITS = _visits()


def _visit_id(visit: Visit) -> str:
    return visit.name + (f"?{visit.query}" if visit.query else "")


# --- the world, and what is typed text ------------------------------------------------


@pytest.fixture(autouse=True)
def _media_root():
    """The module's world keeps its files in the folder its fixture chose."""


def typed_text(*, translated_too: bool = False) -> list[str]:
    """Values people typed: fields without translations, on every model. They may be in
    any language (a caseworker's note, a name, a search in the access log). With
    ``translated_too`` also the texts that have translations: the admin shows and edits
    each language's text as it is."""
    phrases = {settings.MUNICIPALITY_NAME, settings.MUNICIPALITY_ADDRESS}
    for model in apps.get_models():
        phrases.update(_typed_values(model, translated_too))
    return sorted(phrases, key=len, reverse=True)


def _typed_values(model, translated_too: bool) -> set[str]:
    names = {field.name for field in model._meta.concrete_fields}
    fields = [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField)
        and not field.choices
        and (translated_too or f"{field.name}_nn" not in names)
        and (translated_too or not field.name.endswith(("_nn", "_en")))
    ]
    if not fields:
        return set()
    return {
        line.strip()
        for row in model._default_manager.values_list(*fields)
        for value in row
        if isinstance(value, str)
        for line in value.splitlines()
        if len(line.strip()) > 2
    }


@pytest.fixture(scope="module")
def superuser(matrix_world, django_db_blocker):
    with django_db_blocker.unblock():
        user = make_user(email="super@example.no", full_name="Sam Super")
        user.is_staff = user.is_superuser = True
        user.save()
    return user


def _client(matrix_world: MatrixWorld, role: str, language: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = matrix_world.sessions[role]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _url(visit: Visit, matrix_world: MatrixWorld) -> str:
    if visit.name == "not-found":
        return "/finnes-ikke/"
    if visit.name == "forbidden":
        return reverse("catalogue:staff_offers", urlconf=URLCONF)
    kwargs = visit.kwargs(matrix_world) if visit.kwargs else {}
    url = reverse(visit.name, kwargs=kwargs, urlconf=URLCONF)
    return f"{url}?{visit.query}" if visit.query else url


# --- forms with wrong values ----------------------------------------------------------


def _junk(form, digits: bool) -> dict:
    """Every field of ``form`` with a value it will not accept."""
    data: dict = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field.get("name")
        kind = field.get("type", "text") if field.tag == "input" else field.tag
        if name == "csrfmiddlewaretoken":
            continue
        if kind == "hidden" or kind == "submit":
            data.setdefault(name, field.get("value", ""))
        elif kind == "file":
            upload = BytesIO(b"MZ\x90\x00 not a document")
            upload.name = "program.exe"
            data[name] = upload
        elif kind in ("checkbox", "radio", "select"):
            data[name] = "x"
        else:
            maxlength = field.get("maxlength")
            if maxlength and not digits:
                data[name] = "x" * (int(maxlength) + 1)
            else:
                data[name] = "1234567890" if digits else "x"
    return data


def _forms_on(html: bytes, url: str) -> list:
    path = url.split("?")[0]
    page = parse(html)
    return [
        form
        for form in page.select("form[method=post], form[method=POST]")
        if (form.get("action") or path).split("?")[0] == path
    ]


@pytest.fixture(scope="module")
def forms_by_action(matrix_world, django_db_blocker) -> dict:
    """The forms on every page, by the URL they post to (found once, in bokmål)."""
    found: dict = {}
    with django_db_blocker.unblock(), translation.override("nb"):
        for visit in VISITS:
            if not visit.get:
                continue
            response = _client(matrix_world, visit.role, "nb").get(
                _url(visit, matrix_world), follow=True
            )
            if "text/html" not in response.get("Content-Type", ""):
                continue
            for form in parse(response.content).select("form[method=post]"):
                action = form.get("action") or response.request["PATH_INFO"]
                found.setdefault(action.split("?")[0], form)
    return found


# --- documents --------------------------------------------------------------------------


@pytest.fixture
def documents():
    """The HTML of every PDF rendered during the test (offers, letters, receipts), with
    the language it is rendered in: a letter is in the letter's language, whatever the
    page's. WeasyPrint is left out; the views get a stand-in PDF."""
    rendered: list[tuple[str, str, str]] = []

    def capture(template_name: str, context: dict, *, language: str) -> bytes:
        with translation.override(language):
            html = render_to_string(template_name, {**context, "pdf_language": language})
        rendered.append((language, template_name, html))
        # A real PDF of blank pages: one per address sheet of a print batch (which reads
        # the sheets back to put each before its letter), else one.
        writer = PdfWriter()
        for _sheet in range(max(1, html.count('<section class="sheet">'))):
            writer.add_blank_page(width=72, height=72)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    importers = [
        name
        for name, module in list(sys.modules.items())
        if name.startswith(("catalogue.", "referrals.", "portal."))
        and getattr(module, "render_pdf", None) is not None
        and name != "portal.documents.pdf"
    ]
    with ExitStack() as stack:
        stack.enter_context(patch.object(pdf, "render_pdf", capture))
        for name in importers:
            stack.enter_context(patch(f"{name}.render_pdf", capture))
        yield rendered


# --- the checks -----------------------------------------------------------------------


def _check(response, language: str, where: str, typed: list[str]) -> list[str]:
    if "text/html" not in response.get("Content-Type", "") or 300 <= response.status_code < 400:
        return []
    return _check_html(
        response.content.decode(), language, f"{where} (status {response.status_code})", typed
    )


def _check_html(html: str, language: str, where: str, typed: list[str]) -> list[str]:
    problems = []
    root = parse_page(html)
    page_language = root.get("lang")
    if page_language != language:
        problems.append(f"{where}: <html lang={page_language!r}>, expected {language!r}")
    problems += [f"{where}: {leak}" for leak in leaks(html, language, typed, root=root)]
    return problems


@pytest.mark.urls(URLCONF)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("visit", VISITS, ids=_visit_id)
def test_the_page_and_its_form_errors_read_in_one_language(
    matrix_world, db, forms_by_action, documents, visit, language
):
    url = _url(visit, matrix_world)
    typed = typed_text()
    problems = []
    form = None
    if visit.get:
        response = _client(matrix_world, visit.role, language).get(url, follow=True)
        assert response.status_code < 500, (url, response.status_code)
        problems += _check(response, language, f"GET {url}", typed)
        if visit.post and "text/html" in response.get("Content-Type", ""):
            final = response.request["PATH_INFO"]
            forms = _forms_on(response.content, final)
            form, url = (forms[0] if forms else None), final
    if visit.post:
        form = form or forms_by_action.get(url.split("?")[0])
        # Empty (the page after it too: a message saying what happened), then wrong
        # values, and for password forms numbers only (too common, all digits).
        variants = [({}, True)]
        if form is not None:
            variants.append((_junk(form, digits=False), False))
            if form.select("input[type=password]"):
                variants.append((_junk(form, digits=True), False))
        for data, follow in variants:
            # Each post in a transaction of its own: a post that is accepted changes
            # the world, and the next variant should meet the same page.
            with transaction.atomic():
                response = _client(matrix_world, visit.role, language).post(
                    url, data, follow=follow
                )
                assert response.status_code < 500, (url, response.status_code, data)
                problems += _check(response, language, f"POST {url} {sorted(data)}", typed)
                transaction.set_rollback(True)
    for document_language, template_name, html in documents:
        problems += _check_html(html, document_language, f"PDF {template_name}", typed)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("status", [400, 500, 503])
def test_the_error_pages_without_a_request_read_in_one_language(language, status):
    request = RequestFactory().get("/")
    with translation.override(language):
        if status == 400:
            response = bad_request(request, SuspiciousOperation())
        elif status == 503:
            try:
                raise OperationalError("connection refused")
            except OperationalError:
                response = server_error(request)
        else:
            response = server_error(request)
    assert response.status_code == status
    response["Content-Type"] = "text/html"
    problems = _check(response, language, str(status), [])
    assert not problems, "\n".join(problems)


# --- the admin -------------------------------------------------------------------------


def _admin_urls(matrix_world) -> list[tuple[str, str, bool]]:
    """(label, url, post) for the admin's index, every app and every registered model's
    list, add form, first object, its history and deletion page."""
    urls = [("index", reverse("admin:index"), False)]
    app_labels = set()
    for model in admin.site._registry:
        meta = model._meta
        app_labels.add(meta.app_label)
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        urls.append((f"{meta.label} list", reverse(f"{prefix}_changelist"), False))
        urls.append((f"{meta.label} add", reverse(f"{prefix}_add"), True))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            for action in ("change", "history", "delete"):
                urls.append(
                    (
                        f"{meta.label} {action}",
                        reverse(f"{prefix}_{action}", args=[first.pk]),
                        action == "change",
                    )
                )
        if model is apps.get_model(settings.AUTH_USER_MODEL) and first is not None:
            password = reverse(f"{prefix}_change", args=[first.pk]).replace("change/", "password/")
            urls.append(("user password", password, True))
    urls += [
        (f"app {label}", reverse("admin:app_list", args=[label]), False) for label in app_labels
    ]
    urls.append(("password change", reverse("admin:password_change"), True))
    return urls


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_reads_in_one_language(matrix_world, db, superuser, language):
    client = Client()
    client.force_login(superuser, backend=MODEL_BACKEND)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    typed = typed_text(translated_too=True)
    problems = []
    for label, url, post in _admin_urls(matrix_world):
        response = client.get(url)
        if response.status_code == 403:  # a model the superuser may not add or change
            continue
        assert response.status_code == 200, (label, url, response.status_code)
        problems += _check(response, language, f"admin {label}: GET {url}", typed)
        if post:
            response = client.post(url, {})
            problems += _check(response, language, f"admin {label}: POST {url}", typed)
    assert not problems, "\n".join(problems)
