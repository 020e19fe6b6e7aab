"""The access matrix of the Django admin (issue 11, finding 1): every model registered on
the admin site, against every role of the access matrix's world, on every admin view.

The list of models is ``admin.site``'s registry, so a new registration without a row in
``TARGETS`` fails ``test_every_admin_registration_is_in_the_matrix``, and a
``ModelAdmin`` (or inline) without a scope fails ``test_every_admin_has_a_scope``.

Each row names one object of the model (the *target*: mostly the "moon" unit's, see
tests/security/matrix_world.py, or a superuser's) and the roles that may see it in the
admin, written from the roles (portal/roles.py) and the product's rules, not read from
the code under test:

- the leader of the moon unit sees its offer and error reports; the other leaders,
  whose units have nothing to do with it, do not;
- the administrator manages every unit's catalogue entries, users (but no superuser),
  service types, the taxonomy (not languages), the access log and failed log-ins;
- caseworkers have no admin permissions; citizens and anonymous visitors are sent to
  the admin's log-in page;
- groups other than the roles, axes' full logs, task results, caseworker assignments
  and reason paragraphs are for superusers alone.

For everyone else, on the target: the change list does not list it; change (GET and a
POST that would change it, moving it to the role's own unit where it has one), delete
(GET and the confirming POST) and history answer 403 or 404, and "view on site" 404;
add answers 403, or re-shows the form with errors when given the target's values (its
unit, its offer, its locations: out of the role's scope); the unit autocomplete does
not offer it. The database is the same after all of it (every registered model, its
inlines, their many-to-many tables and the admin's own log).

Those who may see the target open its change page and find it in the change list,
so a scope that is too narrow fails too. The data posted is what the superuser's own
change form holds (``test_the_posted_forms_are_valid_for_a_superuser`` proves it
saves), so a refusal is a refusal, not a form error by accident.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from catalogue.models import (
    AccessibilityFeature,
    Category,
    District,
    Language,
    SearchSynonym,
    ServiceType,
)
from portal.admin_scoping import is_scoped
from portal.models import User
from referrals.cases import access
from referrals.cases.models import AccessLogEntry, CaseworkerAssignment
from referrals.casework.models import ReasonParagraph
from referrals.volunteers.models import (
    ChecklistItem,
    HelpRequest,
    Interest,
    RoleKind,
    VolunteerRole,
)
from tests.portal.html import parse
from tests.referrals.helpers import MODEL_BACKEND
from tests.security.matrix_world import ROLES, MatrixWorld, client_for

NOT_STAFF = {"anonymous", "owner", "stranger", "relative", "relative_no_copies", "relative_ended"}
ADMIN = frozenset({"admin"})
NOBODY = frozenset()


@dataclass(frozen=True)
class Target:
    get: Callable[[MatrixWorld], models.Model]
    viewers: frozenset = NOBODY  # the roles that may see this object in the admin


def _obj(key):
    return lambda w: w.objects[key]


TARGETS: dict[str, Target] = {
    "auth.Group": Target(_obj("custom_group")),
    "axes.AccessAttempt": Target(_obj("access_attempt"), ADMIN),
    "axes.AccessLog": Target(_obj("axes_log")),
    "axes.AccessFailureLog": Target(_obj("axes_failure")),
    "django_tasks_database.DBTaskResult": Target(_obj("task_result")),
    "portal.User": Target(_obj("superuser")),
    "catalogue.District": Target(_obj("district"), ADMIN),
    "catalogue.AccessibilityFeature": Target(_obj("feature"), ADMIN),
    "catalogue.Category": Target(_obj("category"), ADMIN),
    "catalogue.Language": Target(_obj("language")),
    "catalogue.Unit": Target(_obj("moon_unit"), ADMIN),
    "catalogue.Location": Target(_obj("moon_location"), ADMIN),
    "catalogue.Offer": Target(_obj("moon_offer"), ADMIN | {"leader_unrelated"}),
    "catalogue.ErrorReport": Target(_obj("moon_report"), ADMIN | {"leader_unrelated"}),
    # Read-only in the admin (changes go through the unit's pages, which tell those
    # signed up); a unit's sessions are its leaders' and the administrator's to see.
    "catalogue.Session": Target(_obj("moon_session"), ADMIN | {"leader_unrelated"}),
    "catalogue.ServiceType": Target(_obj("service_type"), ADMIN),
    "catalogue.SearchSynonym": Target(_obj("search_synonym"), ADMIN),
    "referrals.AccessLogEntry": Target(_obj("log_entry"), ADMIN),
    "referrals.CaseworkerAssignment": Target(_obj("superuser_assignment")),
    "referrals.ReasonParagraph": Target(_obj("reason_paragraph")),
    # Volunteers: a unit's roles and help wanted are its leaders' (and the
    # administrator's); the interest vocabulary is the administrator's.
    "referrals.Interest": Target(_obj("interest"), ADMIN),
    "referrals.VolunteerRole": Target(_obj("moon_volunteer_role"), ADMIN | {"leader_unrelated"}),
    "referrals.HelpRequest": Target(_obj("moon_help_request"), ADMIN | {"leader_unrelated"}),
}


def _registry() -> dict[str, admin.ModelAdmin]:
    return {model._meta.label: model_admin for model, model_admin in admin.site._registry.items()}


def test_every_admin_registration_is_in_the_matrix():
    registered = set(_registry())
    missing = sorted(registered - set(TARGETS))
    assert not missing, (
        f"add these admin registrations to TARGETS in tests/security/test_admin_matrix.py "
        f"(an object outside most roles' scope, and who may see it): {missing}"
    )
    assert not sorted(set(TARGETS) - registered), "TARGETS names a model no longer registered"


def unscoped(site) -> list[str]:
    return sorted(
        m._meta.label for m, model_admin in site._registry.items() if not is_scoped(model_admin)
    )


def test_every_admin_has_a_scope():
    assert not unscoped(admin.site), (
        "every ModelAdmin uses portal.admin_scoping.ScopedAdminMixin with a scope(user) "
        "taken from the rule the pages use, and its inlines ScopedInlineMixin"
    )


def test_an_admin_without_a_scope_is_found():
    """The check above can fail: a plain ModelAdmin, or a scoped one with a plain
    inline, is reported."""
    from catalogue.admin import OfferAdmin
    from catalogue.models import Offer, OpeningPeriod

    class PlainInline(admin.TabularInline):
        model = OpeningPeriod

    class OfferAdminWithPlainInline(OfferAdmin):
        inlines = [PlainInline]

    site = admin.AdminSite(name="probe")
    site.register(Group, admin.ModelAdmin)
    site.register(Offer, OfferAdminWithPlainInline)
    assert unscoped(site) == ["auth.Group", "catalogue.Offer"]


# --- the world: the access matrix's, and one object of every registered model ------------


@pytest.fixture(scope="module")
def admin_world(matrix_world, django_db_blocker):
    """Adds to the world (inside its outer transaction) the objects the admin shows."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_tasks_db.models import DBTaskResult, get_date_max

    with django_db_blocker.unblock():
        superuser = User.objects.create_superuser(
            email="root@example.no", password="correct-horse-battery-42", full_name="Rot"
        )
        custom_group = Group.objects.create(name="Ekstra")
        custom_group.permissions.set(Permission.objects.filter(codename="change_group"))
        attempt = {
            "user_agent": "Nettleser",
            "ip_address": "10.0.0.9",
            "username": "ukjent@example.no",
            "http_accept": "text/html",
            "path_info": "/logg-inn/",
        }
        day_activity = ServiceType.objects.get(slug="dagaktivitet")
        matrix_world.objects.update(
            superuser=superuser,
            custom_group=custom_group,
            access_attempt=AccessAttempt.objects.create(
                **attempt, get_data="", post_data="", failures_since_start=3
            ),
            axes_log=AccessLog.objects.create(**attempt),
            axes_failure=AccessFailureLog.objects.create(**attempt, locked_out=False),
            task_result=DBTaskResult.objects.create(
                task_path="portal.tasks.send_email",
                args_kwargs={"args": [], "kwargs": {}},
                backend_name="default",
                queue_name="default",
                run_after=get_date_max(),
                exception_class_path="",
                traceback="",
            ),
            district=District.objects.get(slug="nord"),
            feature=AccessibilityFeature.objects.create(name="Rullestol", slug="rullestol"),
            category=Category.objects.create(name="Sosialt", slug="sosialt"),
            language=Language.objects.create(name="Engelsk", slug="en"),
            service_type=day_activity,
            search_synonym=SearchSynonym.objects.create(terms="boccia, kulespill"),
            log_entry=access.log_access(
                user=matrix_world.users["caseworker"],
                action=AccessLogEntry.Action.VIEW,
                object_type="application",
                application=matrix_world.case,
            ),
            superuser_assignment=CaseworkerAssignment.objects.create(
                user=superuser, service_type=day_activity
            ),
            reason_paragraph=ReasonParagraph.objects.create(
                title="Bor alene", text="Søkeren bor alene.", service_type=day_activity
            ),
        )
        matrix_world.objects["moon_offer"].categories.add(matrix_world.objects["category"])
        moon_unit = matrix_world.objects["moon_unit"]
        interest = Interest.objects.create(name="Fisking", slug="fisking")
        moon_role = VolunteerRole.objects.create(
            unit=moon_unit, kind=RoleKind.VOLUNTEER, title="Turvenn på Månen"
        )
        moon_role.interests.add(interest)
        ChecklistItem.objects.create(
            role=moon_role, kind=ChecklistItem.Kind.CONVERSATION, label="Samtale"
        )
        matrix_world.objects.update(
            interest=interest,
            moon_volunteer_role=moon_role,
            moon_help_request=HelpRequest.objects.create(
                unit=moon_unit, kind=RoleKind.STOTTEKONTAKT, description="En turglad mann."
            ),
        )
        client = Client()
        client.force_login(superuser, backend=MODEL_BACKEND)
        matrix_world.sessions["superuser"] = client.cookies[settings.SESSION_COOKIE_NAME].value
        matrix_world.users["superuser"] = superuser
    return matrix_world


@pytest.fixture(autouse=True)
def _media_root():
    """The world keeps its files in the folder its fixture set (see test_access_matrix)."""


# --- requests and forms -------------------------------------------------------------------


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def form_data(html: bytes, model) -> dict[str, list[str]]:
    """What a browser sends from the admin's form for ``model``, as rendered."""
    form = parse(html).one(f"form#{model._meta.model_name}_form")
    data: dict[str, list[str]] = {}
    for element in form.select("input, select, textarea"):
        name = element.get("name")
        if not name or "__prefix__" in name or element.has("disabled"):
            continue
        if element.tag == "input":
            kind = (element.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                continue
            if kind in {"checkbox", "radio"}:
                if element.has("checked"):
                    data.setdefault(name, []).append(element.get("value", "on"))
                continue
            data.setdefault(name, []).append(element.get("value", ""))
        elif element.tag == "select":
            options = element.select("option")
            chosen = [o for o in options if o.has("selected")]
            if not chosen and not element.has("multiple") and options:
                chosen = options[:1]
            data.setdefault(name, []).extend(o.get("value", o.text) for o in chosen)
        else:
            data.setdefault(name, []).append("".join(element.etree.itertext()))
    return data


_FORMS: dict[str, dict] = {}


def superusers_form(matrix_world, model, target) -> dict[str, list[str]]:
    """The superuser's change form of the target, read once per module."""
    label = model._meta.label
    if label not in _FORMS:
        page = client_for(matrix_world, "superuser").get(_url(model, "change", target.pk))
        assert page.status_code == 200, (label, page.status_code)
        _FORMS[label] = form_data(page.content, model)
    return _FORMS[label]


TEXT_FIELDS = (models.CharField, models.TextField)
NOT_TEXT = (models.EmailField, models.URLField, models.SlugField)


def changed(data: dict, model, user) -> dict:
    """The form with one text changed and, if the model has a unit, the role's own unit:
    what someone taking the object over would send."""
    data = dict(data)
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, TEXT_FIELDS)
            and not isinstance(field, NOT_TEXT)
            and not field.unique
            and not field.choices
            and data.get(field.name, [""])[0]
        ):
            data[field.name] = [data[field.name][0] + " (endret)"]
            break
    own_unit = user.units.first() if user is not None and user.is_authenticated else None
    if own_unit is not None and "unit" in data:
        data["unit"] = [str(own_unit.pk)]
    return data


def copied(data: dict, model, target) -> dict:
    """The form as an add form: the target's values (its unit, offer, locations...; also
    those the change form shows read-only), new values for its unique fields, no inline
    rows."""
    data = dict(data)
    for field in model._meta.concrete_fields:
        value = getattr(target, field.attname)
        simple = isinstance(value, str | int) and not isinstance(value, bool)
        if field.editable and not field.primary_key and simple and value != "":
            data.setdefault(field.name, [str(value)])
    for key in data:
        if key.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")):
            data[key] = ["0"]
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key and data.get(field.name, [""])[0]:
            value = data[field.name][0]
            new = f"kopi-{value}" if isinstance(field, models.EmailField) else f"{value}-kopi"
            data[field.name] = [new]
    return data


def snapshot() -> dict[str, list]:
    """Every row of every registered model, its inlines' models, their many-to-many
    tables and the admin's log."""
    tables = {LogEntry}
    for model, model_admin in admin.site._registry.items():
        tables.add(model)
        tables.update(inline.model for inline in model_admin.inlines)
    for model in list(tables):
        tables.update(field.remote_field.through for field in model._meta.many_to_many)
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in sorted(tables, key=lambda m: m._meta.label)
    }


def _autocomplete_urls(model, target) -> list[str]:
    """The autocomplete views that would offer ``model``'s objects (fields in an admin's
    ``autocomplete_fields`` pointing at it), searching for the target."""
    urls = []
    for source, model_admin in admin.site._registry.items():
        for name in model_admin.autocomplete_fields:
            if source._meta.get_field(name).related_model is model:
                query = {
                    "app_label": source._meta.app_label,
                    "model_name": source._meta.model_name,
                    "field_name": name,
                    "term": str(target)[:3],
                }
                urls.append(f"{reverse('admin:autocomplete')}?{urlencode(query)}")
    return urls


# --- the matrix ---------------------------------------------------------------------------


def _errors(response) -> list[str]:
    page = parse(response.content)
    return [e.text for e in page.select(".errornote, .errorlist")] or [str(response.status_code)]


def _model(label: str):
    return next(m for m in admin.site._registry if m._meta.label == label)


def _assert_refused(response, role: str, what: str, allowed=(403, 404)):
    if role in NOT_STAFF:
        assert response.status_code == 302, (role, what, response.status_code)
        assert response["Location"].startswith(reverse("admin:login")), (role, what)
        return
    assert response.status_code in allowed, (role, what, response.status_code)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", sorted(TARGETS))
def test_the_admin_matrix(admin_world, db, label, role):
    matrix_world = admin_world
    model = _model(label)
    target = TARGETS[label].get(matrix_world)
    user = matrix_world.users.get(role)
    client = client_for(matrix_world, role)
    change = _url(model, "change", target.pk)

    on_site = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(model).pk, target.pk]
    )

    if role in TARGETS[label].viewers:
        assert client.get(change).status_code == 200, (role, label)
        listing = client.get(_url(model, "changelist"))
        assert listing.status_code == 200 and change in listing.content.decode(), (role, label)
        if hasattr(target, "get_absolute_url"):
            assert client.get(on_site)["Location"].endswith(target.get_absolute_url())
        return

    form = superusers_form(matrix_world, model, target)
    before = snapshot()

    listing = client.get(_url(model, "changelist"))
    _assert_refused(listing, role, "changelist", allowed=(403, 200))
    if listing.status_code == 200:
        assert change not in listing.content.decode(), (role, label, "listed")
    _assert_refused(client.get(change), role, "change")
    _assert_refused(client.post(change, changed(form, model, user)), role, "change POST")
    _assert_refused(client.get(_url(model, "history", target.pk)), role, "history")
    _assert_refused(client.get(_url(model, "delete", target.pk)), role, "delete")
    _assert_refused(client.post(_url(model, "delete", target.pk), {"post": "yes"}), role, "delete")
    _assert_refused(client.get(_url(model, "add")), role, "add", allowed=(403, 200))
    added = client.post(_url(model, "add"), copied(form, model, target))
    _assert_refused(added, role, "add POST", allowed=(403, 200))
    if added.status_code == 200:
        assert parse(added.content).select(".errornote, .errorlist"), (role, label, "add")
    _assert_refused(client.get(on_site), role, "view on site", allowed=(404,))
    for url in _autocomplete_urls(model, target):
        found = client.get(url)
        _assert_refused(found, role, "autocomplete", allowed=(403, 200))
        if found.status_code == 200:
            assert str(target.pk) not in {r["id"] for r in found.json()["results"]}

    assert snapshot() == before, f"{role} changed something through the {label} admin"


# Adding a user asks for a password, which the change form does not hold; adding (and
# making) a superuser is tried in test_admin_scoping.py.
ADD_NOT_FROM_THE_CHANGE_FORM = {"portal.User"}


@pytest.mark.parametrize("label", sorted(TARGETS))
def test_the_posted_forms_are_valid_for_a_superuser(admin_world, db, label):
    """The data the matrix posts is a real, valid form: the superuser's change and add
    of it save (then rolled back), so what other roles get is a refusal, not an
    accidental form error."""
    matrix_world = admin_world
    model = _model(label)
    target = TARGETS[label].get(matrix_world)
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = matrix_world.users["superuser"]
    client = client_for(matrix_world, "superuser")
    form = superusers_form(matrix_world, model, target)

    if model_admin.has_change_permission(request, target):
        with transaction.atomic():
            response = client.post(_url(model, "change", target.pk), changed(form, model, None))
            assert response.status_code == 302, _errors(response)
            transaction.set_rollback(True)
    if model_admin.has_add_permission(request) and label not in ADD_NOT_FROM_THE_CHANGE_FORM:
        with transaction.atomic():
            count = model._default_manager.count()
            response = client.post(_url(model, "add"), copied(form, model, target))
            assert response.status_code == 302, _errors(response)
            assert model._default_manager.count() == count + 1
            transaction.set_rollback(True)
