"""Uploads and letters in S3-compatible object storage (STORAGE_BACKEND=s3), against a
real S3 API on loopback: stored privately in the bucket, nothing on the local disk, and
served only through the permission-checked views."""

import hashlib
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command

from referrals.cases.models import Attachment
from tests.multi_machine.storage import s3_client
from tests.referrals.casework.factories import decide, take
from tests.referrals.helpers import pdf_bytes, upload

pytestmark = pytest.mark.django_db

PUBLIC_GROUPS = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}


def objects_in(endpoint: str, bucket: str) -> dict[str, bytes]:
    client = s3_client(endpoint)
    listing = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {
        item["Key"]: client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        for item in listing
    }


def assert_private(endpoint: str, bucket: str, key: str) -> None:
    grants = s3_client(endpoint).get_object_acl(Bucket=bucket, Key=key)["Grants"]
    assert grants, "the object has no ACL at all"
    for grant in grants:
        assert grant["Grantee"].get("URI") not in PUBLIC_GROUPS, grant


def test_the_settings_select_private_s3_storage(s3_storage):
    storage = storages["default"]
    assert type(storage).__name__ == "S3Storage"
    assert storage.bucket_name == s3_storage
    assert storage.default_acl == "private"
    assert storage.custom_domain is None
    assert storage.querystring_auth is True
    assert storage.file_overwrite is False


def test_an_uploaded_document_goes_to_the_bucket_and_back_through_the_checked_views(
    s3_storage, s3_endpoint, world, login, settings
):
    data = pdf_bytes(size=4000)
    client = login(world.citizen)
    response = client.post(
        f"/mine-soknader/{world.case.reference}/dokumenter/",
        {"documents-files": [upload("epikrise.pdf", data)]},
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(application=world.case, original_name="epikrise.pdf")

    stored = objects_in(s3_endpoint, s3_storage)
    assert stored[attachment.file.name] == data
    assert_private(s3_endpoint, s3_storage, attachment.file.name)
    assert not (settings.MEDIA_ROOT / attachment.file.name).exists()
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))

    own = client.get(f"/mine-soknader/{world.case.reference}/vedlegg/{attachment.public_id}/")
    assert own.status_code == 200
    assert own["Content-Type"] == "application/pdf"
    assert own["Cache-Control"] == "private, no-store"
    assert b"".join(own.streaming_content) == data

    staff = login(world.staff.north).get(
        f"/saksbehandling/{world.case.reference}/vedlegg/{attachment.public_id}/"
    )
    assert staff.status_code == 200
    assert b"".join(staff.streaming_content) == data

    # Someone else's document is a 404, with the file in the bucket all the same.
    stranger = login(world.stranger).get(
        f"/mine-soknader/{world.case.reference}/vedlegg/{attachment.public_id}/"
    )
    assert stranger.status_code == 404
    other_staff = login(world.staff.south).get(
        f"/saksbehandling/{world.case.reference}/vedlegg/{attachment.public_id}/"
    )
    assert other_staff.status_code == 404


def test_a_decision_letter_is_frozen_in_the_bucket_and_served_by_the_checked_views(
    s3_storage, s3_endpoint, world, login
):
    take(world.case, world.staff.north)
    decision = decide(world.case, world.staff.north, offer=world.offer)

    assert decision.letter.name.startswith("letters/")
    stored = objects_in(s3_endpoint, s3_storage)
    letter = stored[decision.letter.name]
    assert letter.startswith(b"%PDF-")
    assert hashlib.sha256(letter).hexdigest() == decision.letter_sha256
    assert_private(s3_endpoint, s3_storage, decision.letter.name)

    citizen = login(world.citizen).get(
        f"/mine-soknader/{world.case.reference}/vedtak/{decision.pk}/"
    )
    assert citizen.status_code == 200
    assert b"".join(citizen.streaming_content) == letter
    staff = login(world.staff.north).get(
        f"/saksbehandling/{world.case.reference}/vedtak/{decision.pk}/brev.pdf"
    )
    assert staff.status_code == 200
    assert b"".join(staff.streaming_content) == letter
    stranger = login(world.stranger).get(
        f"/mine-soknader/{world.case.reference}/vedtak/{decision.pk}/"
    )
    assert stranger.status_code == 404


def test_a_second_file_with_the_same_name_never_replaces_the_first(s3_storage, s3_endpoint):
    storage = storages["default"]
    first = storage.save("letters/vedtak-S-1.pdf", ContentFile(b"%PDF-first"))
    second = storage.save("letters/vedtak-S-1.pdf", ContentFile(b"%PDF-second"))

    assert first == "letters/vedtak-S-1.pdf"
    assert second != first
    stored = objects_in(s3_endpoint, s3_storage)
    assert stored[first] == b"%PDF-first"
    assert stored[second] == b"%PDF-second"


def test_check_files_finds_missing_and_changed_objects_for_restore_drills(
    s3_storage, s3_endpoint, world
):
    take(world.case, world.staff.north)
    decision = decide(world.case, world.staff.north, offer=world.offer)
    output = StringIO()
    call_command("check_files", stdout=output)
    assert "referrals.Decision.letter: 1 checked, 0 missing, 0 with a different checksum" in (
        output.getvalue()
    )
    assert "referrals.Attachment.file: 1 checked, 0 missing" in output.getvalue()
    assert "All files are present." in output.getvalue()

    client = s3_client(s3_endpoint)
    client.delete_object(Bucket=s3_storage, Key=world.attachment.file.name)
    client.put_object(Bucket=s3_storage, Key=decision.letter.name, Body=b"%PDF-changed")
    output = StringIO()
    with pytest.raises(CommandError, match="2 file"):
        call_command("check_files", stdout=output)
    assert f"missing (ids): {world.attachment.pk}" in output.getvalue()
    assert f"different (ids): {decision.pk}" in output.getvalue()
    assert world.attachment.original_name not in output.getvalue()
