"""allauth's e-mails (password reset and the rest) leave through the outbox: recorded in the
request, delivered by the worker to a real SMTP server (tests/mailserver.py)."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts import mail as account_mail
from meetings.models import OutboxMessage
from meetings.outbox import delivery

pytestmark = pytest.mark.django_db

RESET_KIND = "account.account/email/password_reset_key"


def run_worker() -> None:
    call_command("run_worker", "--once", verbosity=0)


def ask_for_reset(client, email: str, captured) -> None:
    with captured(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 302


def reset_link(received) -> str:
    body = received.get_body(preferencelist=("plain",)).get_content()
    [link] = re.findall(r"https?://\S+/password/reset/key/\S+", body)
    return link


def test_a_password_reset_is_recorded_and_the_worker_delivers_a_link_that_works(
    client, representative, smtp, worker_backend, django_capture_on_commit_callbacks
):
    ask_for_reset(client, representative.email, django_capture_on_commit_callbacks)

    assert smtp.messages == []  # the request only recorded it
    row = OutboxMessage.objects.get()
    assert (row.kind, row.recipient, row.status) == (
        RESET_KIND,
        representative.email,
        "queued",
    )
    assert row.network_id is None

    run_worker()

    [received] = smtp.messages
    assert received["To"] == representative.email
    row.refresh_from_db()
    assert row.status == "sent"
    assert row.body == ""  # a sent reset link is not kept

    # The link in the delivered mail resets the password.
    response = client.get(reset_link(received), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": "ett-nytt-langt-losen-42", "password2": "ett-nytt-langt-losen-42"}
    )
    assert response.status_code == 302
    representative.refresh_from_db()
    assert representative.check_password("ett-nytt-langt-losen-42")


def test_a_second_reset_asked_for_is_sent_too(
    client, representative, smtp, worker_backend, django_capture_on_commit_callbacks
):
    ask_for_reset(client, representative.email, django_capture_on_commit_callbacks)
    run_worker()
    ask_for_reset(client, representative.email, django_capture_on_commit_callbacks)
    run_worker()
    assert OutboxMessage.objects.filter(kind=RESET_KIND, status="sent").count() == 2
    assert [m["To"] for m in smtp.messages] == [representative.email] * 2
    assert all(reset_link(m) for m in smtp.messages)


def test_without_a_registered_sender_the_mail_is_sent_at_once(
    client, representative, monkeypatch, django_capture_on_commit_callbacks
):
    """`accounts` on its own (no meetings app to register the outbox) sends as allauth does."""
    monkeypatch.setattr(account_mail, "_senders", [])
    ask_for_reset(client, representative.email, django_capture_on_commit_callbacks)
    assert not OutboxMessage.objects.exists()
    [sent] = mail.outbox
    assert sent.to == [representative.email]


def test_a_failed_account_message_is_shown_to_coordinators_without_subject_or_body(
    settings,
    client,
    client_for,
    representative,
    smtp,
    worker_backend,
    django_capture_on_commit_callbacks,
):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    smtp.stop()
    ask_for_reset(client, representative.email, django_capture_on_commit_callbacks)
    delivery.deliver_due()
    row = OutboxMessage.objects.get()
    assert row.status == "failed"
    assert "/password/reset/key/" in row.body  # kept for "Skicka igen" to the person only

    page = client_for("coordinator").get(reverse("outbox_failed", args=["neh"])).content.decode()
    assert representative.email in page
    assert "Kontomeddelande" in page
    assert row.subject not in page
    assert "reset" not in page.lower()

    smtp.start()
    client_for("coordinator").post(reverse("outbox_retry", args=["neh", row.pk]))
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    run_worker()
    assert [m["To"] for m in smtp.messages] == [representative.email]
