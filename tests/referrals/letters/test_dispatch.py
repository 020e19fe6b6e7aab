"""Dispatch of frozen letters: the channel per recipient, representatives' copies, and
failures that keep the letter and are retried (referrals.letters.dispatch)."""

import smtplib
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from portal.roles import Role
from referrals.cases.models import Application, Decision
from referrals.casework import services as casework
from referrals.letters import dispatch
from referrals.letters.channels import ChannelError, Recipient, get_channel
from referrals.letters.models import LetterDispatch
from tests.referrals.casework.factories import decide, make_case, take
from tests.referrals.helpers import make_user, national_id

Status = LetterDispatch.Status
ADDRESS = {"person_address": "Storgata 1", "person_postcode": "0155", "person_place": "Oslo"}


def recipient(user=None, email="kari@example.no", **fields) -> Recipient:
    values = {
        "role": LetterDispatch.Recipient.PARTY,
        "name": "Kari Nordmann",
        "user": user,
        "email": email,
        "language": "nb",
        "street": "Storgata 1",
        "postcode": "0155",
        "place": "Oslo",
        **fields,
    }
    return Recipient(**values)


@pytest.fixture
def idporten_citizen(db):
    """A citizen who logged in with ID-porten (the only way ``national_id`` is set)."""
    return make_user(
        Role.CITIZEN,
        email="ida@example.no",
        full_name="Ida Porten",
        # Born on another day than the cases' people (tests.referrals.helpers), so no
        # case's person is ever this citizen by chance.
        national_id=national_id(date(1985, 2, 2)),
    )


# Choosing the channel.


def test_id_porten_and_not_reserved_is_digital(idporten_citizen):
    assert dispatch.choose_channel(recipient(idporten_citizen)) == "digital"


def test_reserved_against_digital_is_paper(idporten_citizen):
    idporten_citizen.reserved_against_digital = True
    assert dispatch.choose_channel(recipient(idporten_citizen)) == "paper"


def test_no_verified_identity_is_paper(citizen):
    assert citizen.national_id == ""
    assert dispatch.choose_channel(recipient(citizen)) == "paper"


def test_no_account_or_no_address_for_the_notice_is_paper(idporten_citizen):
    assert dispatch.choose_channel(recipient(None)) == "paper"
    assert dispatch.choose_channel(recipient(idporten_citizen, email="")) == "paper"
    idporten_citizen.is_active = False
    assert dispatch.choose_channel(recipient(idporten_citizen)) == "paper"


def test_the_digital_channel_is_a_setting(idporten_citizen, settings):
    settings.LETTER_DIGITAL_CHANNEL = "fiks"
    assert dispatch.choose_channel(recipient(idporten_citizen)) == "fiks"


# Recipients: the party and representatives with a right to copies.


def _on_behalf(world, **answers):
    return make_case(
        applicant=world.citizen,
        service_type=world.case.service_type,
        district=world.case.district,
        **{
            "on_behalf": True,
            "relation": Application.Relation.RELATIVE,
            "basis": Application.Basis.CONSENT,
            "person_name": "Ola Nordmann",
            "applicant_name": "Kari Nordmann",
            "applicant_address": "Kirkeveien 2",
            "applicant_postcode": "5003",
            "applicant_place": "Bergen",
            **ADDRESS,
            **answers,
        },
    )


def test_a_guardian_gets_a_copy_at_their_own_address(world):
    case = _on_behalf(
        world,
        relation=Application.Relation.GUARDIAN,
        basis=Application.Basis.GUARDIANSHIP,
    )
    party, representative = dispatch.letter_recipients(case)
    assert (party.role, party.name, party.street) == ("party", "Ola Nordmann", "Storgata 1")
    assert representative.role == "representative"
    assert (representative.name, representative.street, representative.postcode) == (
        "Kari Nordmann",
        "Kirkeveien 2",
        "5003",
    )
    assert representative.user == world.citizen


def test_a_relative_without_copies_gets_none(world):
    case = _on_behalf(world)
    assert [r.role for r in dispatch.letter_recipients(case)] == ["party"]
    case.applicant_may_receive_copies = True
    assert [r.role for r in dispatch.letter_recipients(case)] == ["party", "representative"]
    case.representative_access_ended_at = timezone.now()
    assert [r.role for r in dispatch.letter_recipients(case)] == ["party"]


def test_the_party_with_an_id_porten_account_is_found_by_number(world, idporten_citizen):
    case = _on_behalf(world, person_national_id=idporten_citizen.national_id)
    (party,) = dispatch.letter_recipients(case)
    assert party.user == idporten_citizen
    assert dispatch.choose_channel(party) == "digital"


# Dispatch when a decision letter is frozen.


def test_a_decision_goes_digitally_with_a_notice(
    world, idporten_citizen, django_capture_on_commit_callbacks
):
    case = make_case(
        applicant=idporten_citizen,
        service_type=world.case.service_type,
        district=world.case.district,
        person_national_id=idporten_citizen.national_id,
        **ADDRESS,
    )
    take(case, world.staff.north)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(case, world.staff.north, offer=world.offer)
    (sent,) = decision.dispatches.all()
    assert (sent.channel, sent.status, sent.recipient) == ("digital", Status.SENT, "party")
    assert sent.sent_at is not None
    notices = [m for m in mail.outbox if m.to == ["ida@example.no"]]
    assert len(notices) == 1  # the letter notice, not also "news on your case"
    assert "innboksen din på nettsiden" in notices[0].body
    assert case.reference in notices[0].body
    assert idporten_citizen.national_id not in notices[0].body


def test_a_decision_for_a_paper_recipient_waits_in_the_print_queue(
    world, django_capture_on_commit_callbacks
):
    case = take(
        _on_behalf(
            world,
            relation=Application.Relation.GUARDIAN,
            basis=Application.Basis.GUARDIANSHIP,
        ),
        world.staff.north,
    )
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(case, world.staff.north, outcome="refused")
    party, copy = decision.dispatches.order_by("pk")
    assert (party.channel, party.status, party.street, party.postcode, party.place) == (
        "paper",
        Status.QUEUED,
        "Storgata 1",
        "0155",
        "Oslo",
    )
    assert (copy.recipient, copy.channel, copy.status, copy.place) == (
        "representative",
        "paper",
        Status.QUEUED,
        "Bergen",
    )
    assert list(dispatch.print_queue(world.staff.north)) == [party, copy]


def test_the_representative_gets_a_digital_copy_through_their_own_channel(
    world, idporten_citizen, django_capture_on_commit_callbacks
):
    case = make_case(
        applicant=idporten_citizen,
        service_type=world.case.service_type,
        district=world.case.district,
        on_behalf=True,
        relation=Application.Relation.POWER_OF_ATTORNEY,
        basis=Application.Basis.POWER_OF_ATTORNEY,
        power_of_attorney_scope="Alle saker om helse- og omsorgstjenester",
        person_name="Ola Nordmann",
        applicant_address="Kirkeveien 2",
        applicant_postcode="5003",
        applicant_place="Bergen",
        **ADDRESS,
    )
    take(case, world.staff.north)
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(case, world.staff.north, outcome="refused")
    channels = {d.recipient: (d.channel, d.status) for d in decision.dispatches.all()}
    assert channels == {
        "party": ("paper", Status.QUEUED),
        "representative": ("digital", Status.SENT),
    }


def test_a_failed_notice_keeps_the_letter_and_is_retried(
    world, idporten_citizen, monkeypatch, django_capture_on_commit_callbacks
):
    case = make_case(
        applicant=idporten_citizen,
        service_type=world.case.service_type,
        district=world.case.district,
        **ADDRESS,
    )
    take(case, world.staff.north)

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    with monkeypatch.context() as patched:
        patched.setattr("referrals.letters.tasks.EmailMultiAlternatives.send", refuse)
        with django_capture_on_commit_callbacks(execute=True):
            decision = decide(case, world.staff.north, offer=world.offer)
    (failed,) = decision.dispatches.all()
    assert failed.status == Status.FAILED
    assert "SMTPServerDisconnected" in failed.failure
    decision.refresh_from_db()
    assert decision.letter and decision.letter_sha256  # the letter is frozen and kept
    assert decision.letter_status == Decision.LetterStatus.READY

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch.retry_failed() == 1
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (Status.SENT, 2)
    assert [m.to for m in mail.outbox] == [["ida@example.no"]]


def test_a_paper_letter_without_an_address_fails_until_the_address_is_known(
    world, django_capture_on_commit_callbacks
):
    case = take(world.case, world.staff.north)
    assert case.person_address == ""
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(case, world.staff.north, outcome="refused")
    (failed,) = decision.dispatches.all()
    assert (failed.channel, failed.status) == ("paper", Status.FAILED)
    assert failed.failure == "no complete postal address"

    Application.objects.filter(pk=case.pk).update(**ADDRESS)
    dispatch.retry_failed()
    failed.refresh_from_db()
    assert (failed.status, failed.street, failed.place) == (Status.QUEUED, "Storgata 1", "Oslo")


def test_a_channel_that_breaks_does_not_lose_the_decision(world, monkeypatch, settings):
    settings.LETTER_CHANNELS = {**settings.LETTER_CHANNELS, "paper": "builtins.object"}
    case = take(_on_behalf(world), world.staff.north)
    decision = decide(case, world.staff.north, outcome="refused")
    assert Decision.objects.filter(pk=decision.pk).exists()
    (failed,) = decision.dispatches.all()
    assert failed.status == Status.FAILED
    assert failed.failure == "channel error (AttributeError)"


def test_a_letter_is_dispatched_once(world):
    case = take(_on_behalf(world), world.staff.north)
    decision = decide(case, world.staff.north, outcome="refused")
    assert dispatch.dispatch_letter(decision) == list(decision.dispatches.all())
    assert decision.dispatches.count() == 1


def test_a_preliminary_reply_is_dispatched_too(world):
    case = take(_on_behalf(world), world.staff.north)
    reply = casework.send_preliminary_reply(
        application=case,
        actor=world.staff.north,
        reason="Vi venter på opplysninger fra fastlegen.",
        expected_date=timezone.localdate() + timedelta(days=30),
    )
    (sent,) = reply.dispatches.all()
    assert (sent.channel, sent.status, sent.decision) == ("paper", Status.QUEUED, None)


def test_the_channel_registry_refuses_an_unknown_key():
    with pytest.raises(ChannelError):
        get_channel("svarut")


# What the citizen's page says.


def test_the_citizen_page_says_the_letter_is_in_the_inbox(
    world, idporten_citizen, client, django_capture_on_commit_callbacks
):
    case = make_case(
        applicant=idporten_citizen,
        service_type=world.case.service_type,
        district=world.case.district,
        **ADDRESS,
    )
    take(case, world.staff.north)
    with django_capture_on_commit_callbacks(execute=True):
        decide(case, world.staff.north, outcome="refused")
    client.force_login(idporten_citizen, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/mine-soknader/{case.reference}/").content.decode()
    assert "Vedtaket er lagt i innboksen din på nettsiden, og du har fått varsel på e-post." in page
    assert "sendt i posten" not in page


def test_the_citizen_page_says_the_letter_comes_by_post(world, client):
    case = take(
        _on_behalf(
            world,
            relation=Application.Relation.GUARDIAN,
            basis=Application.Basis.GUARDIANSHIP,
        ),
        world.staff.north,
    )
    decision = decide(case, world.staff.north, outcome="refused")
    client.force_login(world.citizen, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/mine-soknader/{case.reference}/"
    assert "Vedtaket blir sendt i posten." in client.get(url).content.decode()

    batch = dispatch.make_batch(user=world.staff.north)
    dispatch.mark_batch_printed(batch=batch, user=world.staff.north)
    page = client.get(url).content.decode()
    printed = decision.dispatches.get(recipient="representative").sent_at
    assert f"Vedtaket ble sendt i posten {timezone.localdate(printed).day}." in page
    assert "innboksen" not in page


def test_the_citizen_page_says_how_a_preliminary_reply_came(
    world, idporten_citizen, client, django_capture_on_commit_callbacks
):
    """The same words as for a decision, through the same include: by post (queued,
    then printed), or to the inbox with a notice."""
    case = take(world.case, world.staff.north)
    Application.objects.filter(pk=case.pk).update(**ADDRESS)
    reply = casework.send_preliminary_reply(
        application=case,
        actor=world.staff.north,
        reason="Vi venter på opplysninger fra fastlegen.",
        expected_date=timezone.localdate() + timedelta(days=30),
    )
    client.force_login(world.citizen, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/mine-soknader/{case.reference}/"
    assert "Brevet blir sendt i posten." in client.get(url).content.decode()
    batch = dispatch.make_batch(user=world.staff.north)
    dispatch.mark_batch_printed(batch=batch, user=world.staff.north)
    printed = reply.dispatches.get().sent_at
    page = client.get(url).content.decode()
    assert f"Brevet ble sendt i posten {timezone.localdate(printed).day}." in page
    assert "Nora Nord" not in page.split("preliminary-heading")[1].split("</section>")[0]

    digital = make_case(
        applicant=idporten_citizen,
        service_type=world.case.service_type,
        district=world.case.district,
        **ADDRESS,
    )
    take(digital, world.staff.north)
    with django_capture_on_commit_callbacks(execute=True):
        casework.send_preliminary_reply(
            application=digital,
            actor=world.staff.north,
            reason="Vi venter på opplysninger fra fastlegen.",
            expected_date=timezone.localdate() + timedelta(days=30),
        )
    client.force_login(idporten_citizen, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/mine-soknader/{digital.reference}/").content.decode()
    assert "Brevet er lagt i innboksen din på nettsiden, og du har fått varsel på e-post." in page
