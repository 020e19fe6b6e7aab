"""The text-message channel (portal.sms): a backend named by SMS_BACKEND."""

from portal import sms


def test_the_console_backend_writes_the_message(capsys, settings):
    settings.SMS_BACKEND = "portal.sms.ConsoleBackend"
    sms.send_sms(to="+4791234567", text="Bekreft påmeldingen: https://eksempel.no/x/")
    written = capsys.readouterr().out
    assert "+4791234567" in written and "Bekreft påmeldingen" in written


def test_the_memory_backend_keeps_the_messages(settings):
    settings.SMS_BACKEND = "portal.sms.MemoryBackend"
    sms.outbox.clear()
    sms.send_sms(to="+4791234567", text="Hei")
    assert sms.outbox == [sms.TextMessage(to="+4791234567", text="Hei")]
