"""Text messages: the backend interface, sending after commit, masked numbers in the logs
(portal.sms)."""

import io
import logging

import pytest

from portal import sms

pytestmark = pytest.mark.django_db


def test_a_message_is_sent_after_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sms.send_sms("+4791234567", "Husk kurset i morgen kl. 10.00.")
    assert sms.outbox == []
    for callback in callbacks:
        callback()
    assert sms.outbox == [sms.TextMessage(to="+4791234567", text="Husk kurset i morgen kl. 10.00.")]


@pytest.mark.parametrize("number", ["91234567", "+47 912 34 567", "0047912", "", "+4712"])
def test_only_e164_numbers_are_taken(number):
    with pytest.raises(ValueError, match="E.164"):
        sms.send_sms(number, "Hei")


def test_an_empty_or_too_long_text_is_refused():
    with pytest.raises(ValueError):
        sms.send_sms("+4791234567", "   ")
    with pytest.raises(ValueError):
        sms.send_sms("+4791234567", "x" * (sms.MAX_LENGTH + 1))


def test_the_log_never_holds_the_full_number(django_capture_on_commit_callbacks, caplog):
    with (
        caplog.at_level(logging.INFO, logger="portal.sms"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        sms.send_sms("+4791234567", "Hei")
    assert "Text message sent to +47******67" in caplog.text
    assert "91234567" not in caplog.text


def test_the_console_backend_masks_the_number():
    stream = io.StringIO()
    sent = sms.ConsoleBackend(stream=stream).send_messages([sms.TextMessage("+4791234567", "Hei")])
    assert sent == 1
    assert "+47******67" in stream.getvalue()
    assert "Hei" in stream.getvalue()
    assert "91234567" not in stream.getvalue()


class RefusingBackend(sms.BaseSmsBackend):
    def send_messages(self, messages):
        raise sms.SmsNotSent("provider said no")


def test_a_refused_message_is_logged_without_the_number(
    settings, django_capture_on_commit_callbacks, caplog
):
    settings.SMS_BACKEND = "tests.portal.test_sms.RefusingBackend"
    with (
        caplog.at_level(logging.INFO, logger="portal.sms"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        sms.send_sms("+4791234567", "Hei")
    assert "given up after 1 attempt(s) (SmsNotSent)" in caplog.text
    assert "91234567" not in caplog.text


def test_a_provider_plugs_in_by_setting_with_its_options(settings):
    settings.SMS_BACKEND = "portal.sms.ConsoleBackend"
    settings.SMS_OPTIONS = {"sender": "Kommunen"}
    backend = sms.get_backend()
    assert isinstance(backend, sms.ConsoleBackend)
    assert backend.options == {"sender": "Kommunen"}
    assert sms.is_enabled()
    settings.SMS_BACKEND = "portal.sms.DisabledBackend"
    assert not sms.is_enabled()
    assert sms.get_backend().send_messages([sms.TextMessage("+4791234567", "Hei")]) == 0


def test_mask_phone():
    assert sms.mask_phone("+4791234567") == "+47******67"
    assert sms.mask_phone("") == ""
