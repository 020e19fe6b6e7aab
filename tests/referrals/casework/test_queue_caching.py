"""The queue's counts are cached until an application changes, and the case page reuses
the HTML of its empty forms; neither may ever show something out of date."""

from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from portal.form_html import FormSlot, form_html
from portal.forms import CrispyFormMixin
from referrals.applications import services
from referrals.cases.models import Application
from referrals.casework import queue_counts
from referrals.casework import services as casework
from tests.referrals.casework.factories import make_case, make_caseworker, take
from tests.referrals.helpers import make_user

QUEUE = "/saksbehandling/"


def _counts(response) -> dict:
    return {value: n for value, _label, n in response.context["status_counts"]}


def _count_queries(captured) -> list[str]:
    return [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]


def test_a_second_visit_counts_nothing_again(world, login):
    client = login(world.staff.north)
    client.get(QUEUE)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE)
    assert _count_queries(queries.captured_queries) == []
    assert response.context["total"] == 1
    assert response.context["page"].paginator.count == 1


def test_the_counts_follow_a_status_change(world, login):
    client = login(world.staff.north)
    before = _counts(client.get(QUEUE))
    assert before["submitted"] == 1 and before["assessment"] == 0

    take(world.case, world.staff.north)  # submitted → under assessment
    after = client.get(QUEUE, {"status": "assessment"})
    assert _counts(after)["submitted"] == 0
    assert _counts(after)["assessment"] == 1
    assert after.context["page"].paginator.count == 1

    casework.close_case(application=world.case, actor=world.staff.north, reason="Flyttet.")
    closed = client.get(QUEUE, {"status": "assessment"})
    assert _counts(closed)["assessment"] == 0
    assert _counts(closed)["closed"] == 1
    assert closed.context["page"].paginator.count == 0


def test_the_counts_follow_a_new_application_and_an_assignment(
    world, login, day_activity, districts
):
    client = login(world.staff.north)
    assert client.get(QUEUE).context["total"] == 1
    assert client.get(QUEUE, {"assigned": "me"}).context["page"].paginator.count == 0

    make_case(applicant=world.citizen, service_type=day_activity, district=districts.north)
    assert client.get(QUEUE).context["total"] == 2

    casework.assign_case(
        application=world.case, assignee=world.staff.north, actor=world.staff.north_colleague
    )
    mine = client.get(QUEUE, {"assigned": "me"})
    assert mine.context["page"].paginator.count == 1
    assert [c.reference for c in mine.context["page"].object_list] == [world.case.reference]


def test_each_scope_has_its_own_counts(world, login, day_activity, districts):
    make_case(applicant=world.citizen, service_type=day_activity, district=districts.south)
    assert login(world.staff.north).get(QUEUE).context["total"] == 1
    assert login(world.staff.south).get(QUEUE).context["total"] == 1
    assert login(world.staff.everywhere_support).get(QUEUE).context["total"] == 0


def test_a_change_that_wrote_no_event_still_shows_the_case(world, login):
    """Rows are always read fresh; a short page corrects a count that lagged."""
    client = login(world.staff.north)
    assert client.get(QUEUE, {"status": "closed"}).context["page"].paginator.count == 0
    Application.objects.filter(pk=world.case.pk).update(status=Application.Status.CLOSED)
    page = client.get(QUEUE, {"status": "closed"}).context["page"]
    assert [c.reference for c in page.object_list] == [world.case.reference]
    assert page.paginator.count == 1


def test_the_status_label_is_in_the_active_language(world, login):
    client = login(world.staff.north)
    row = client.get(QUEUE).context["page"].object_list[0]
    assert row.status_label == str(world.case.get_status_display())
    with translation.override("en"):
        english = client.get(QUEUE, HTTP_ACCEPT_LANGUAGE="en").context["page"].object_list[0]
        assert english.status_label == str(world.case.get_status_display())


def test_the_assign_form_lists_a_colleague_added_after_it_was_shown(world, login, day_activity):
    client = login(world.staff.north)
    url = f"/saksbehandling/{world.case.reference}/"
    assert "Nina Nykommer" not in client.get(url).content.decode()
    make_caseworker(service_type=day_activity, email="ny@example.no", full_name="Nina Nykommer")
    assert "Nina Nykommer" in client.get(url).content.decode()


def test_the_reused_form_html_follows_the_language(world, login):
    from referrals.casework.forms import NoteForm

    with translation.override("nb"):
        norwegian = form_html(NoteForm(prefix="note"))
    with translation.override("en"):
        english = form_html(NoteForm(prefix="note"))
    assert "Internt notat" in norwegian
    assert english != norwegian


def test_a_form_sent_back_with_errors_is_not_taken_from_the_reused_html(world, login):
    client = login(world.staff.north)
    url = f"/saksbehandling/{world.case.reference}/"
    client.get(url)  # the empty note form's HTML is now kept
    response = client.post(f"{url}notat/", {"note-body": ""})
    assert response.status_code == 422
    assert "Skriv notatet." in response.content.decode()
    assert "Skriv notatet." not in client.get(url).content.decode()


def test_a_form_slot_renders_only_when_the_template_shows_it():
    built = []

    def make():
        built.append(1)
        raise AssertionError("the template did not show this form")

    slot = FormSlot(make)
    assert slot and not slot.errors
    assert built == []


def test_a_count_is_reused_until_the_version_moves(world, day_activity, districts):
    scope = Application.objects.submitted()
    version = queue_counts.data_version()
    assert queue_counts.count(scope, version=version) == 1
    assert queue_counts.status_counts(scope, version=version) == {"submitted": 1}
    Application.objects.filter(pk=world.case.pk).update(status=Application.Status.CLOSED)
    # Same version: the cached figures (no query).
    with CaptureQueriesContext(connection) as queries:
        assert queue_counts.count(scope, version=version) == 1
        assert queue_counts.status_counts(scope, version=version) == {"submitted": 1}
    assert queries.captured_queries == []
    # A filter is another entry.
    assert queue_counts.count(scope.filter(status="closed"), version=version) == 1


def test_the_version_moves_with_every_change_the_counts_depend_on(
    world, login, day_activity, districts
):
    from datetime import timedelta

    from django.utils import timezone

    def moved(action) -> bool:
        before = queue_counts.data_version()
        action()
        return queue_counts.data_version() > before

    assert moved(
        lambda: make_case(
            applicant=world.citizen, service_type=day_activity, district=districts.north
        )
    )
    assert moved(lambda: take(world.case, world.staff.north))
    assert moved(
        lambda: casework.assign_case(
            application=world.case, assignee=world.staff.north_colleague, actor=world.staff.north
        )
    )
    assert moved(
        lambda: casework.send_preliminary_reply(
            application=world.case,
            actor=world.staff.north,
            reason="Vi venter på legeerklæring.",
            expected_date=timezone.localdate() + timedelta(days=20),
        )
    )
    assert moved(
        lambda: casework.close_case(
            application=world.case, actor=world.staff.north, reason="Flyttet."
        )
    )
    assert moved(lambda: casework.reopen_case(application=world.case, actor=world.staff.north))
    assert moved(lambda: services.withdraw_application(application=world.case, user=world.citizen))


def test_the_filter_form_shows_what_was_asked_each_time(world, login):
    client = login(world.staff.north)
    client.get(QUEUE)
    assert 'value="Nordmann"' in client.get(QUEUE, {"q": "Nordmann"}).content.decode()
    assert 'value="Nordmann"' not in client.get(QUEUE).content.decode()
    refused = client.get(QUEUE, {"status": "finnes-ikke"}).content.decode()
    assert "finnes-ikke" in refused  # the choice error is shown, not a kept clean form


def test_a_scope_that_matches_nothing_counts_nothing(world, login):
    """A caseworker not yet assigned anything sees an empty queue (a ``none()`` scope,
    which has no SQL to key the cache on)."""
    from portal.roles import Role

    newcomer = make_user(Role.CASEWORKER, email="ny@example.no", full_name="Nina Nykommer")
    response = login(newcomer).get(QUEUE)
    assert response.status_code == 200
    assert response.context["total"] == 0
    assert response.context["page"].paginator.count == 0


class _PickForm(CrispyFormMixin, forms.Form):
    """Set up per form in ``__init__``, as DecisionForm and AssignForm are."""

    colour = forms.ChoiceField(label="Farge", choices=[])
    note = forms.CharField(label="Merknad", required=False)

    def __init__(self, *args, colours, note_label="Merknad", required=False, rows=2, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colour"].choices = colours
        self.fields["note"].label = note_label
        self.fields["note"].required = required
        self.fields["note"].widget.attrs["rows"] = rows


def test_the_reused_form_html_follows_everything_a_form_sets_for_itself():
    red = [("red", "Rød")]
    plain = form_html(_PickForm(colours=red))
    assert "Rød" in plain
    for changed, shown in (
        ({"colours": [("blue", "Blå")]}, "Blå"),
        ({"colours": [("Varme", [("red", "Rød"), ("orange", "Oransje")])]}, "Oransje"),
        ({"note_label": "Begrunnelse"}, "Begrunnelse"),
        ({"required": True}, "required"),
        ({"rows": 7}, 'rows="7"'),
    ):
        html = form_html(_PickForm(**{"colours": red, **changed}))
        assert shown in html and html != plain, changed
    assert form_html(_PickForm(colours=red)) == plain  # and it is still reused
