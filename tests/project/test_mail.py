"""Every e-mail the app builds goes through config/mail.py: subjects on one line whatever a
title holds, plain-text bodies not HTML-escaped.

A line break in a title used to make Django raise BadHeaderError when the message was sent,
after the change was committed: a 500 for a saved change, and no mail."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from config.mail import absolute_url, message, render_text, single_line
from meetings.models import AgendaItem, Meeting, ThemeSuggestion
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
BROKEN = "Solel\r\npå\ttaken\u2028och\x0bmer\x85"


@pytest.mark.parametrize(
    "site_url", ["https://natverk.example.org", "https://natverk.example.org/"]
)
@pytest.mark.parametrize("path", ["/moten/7/", "moten/7/"])
def test_absolute_url_joins_site_url_and_path_with_one_slash(settings, site_url, path):
    settings.SITE_URL = site_url
    assert absolute_url(path) == "https://natverk.example.org/moten/7/"


def test_absolute_url_keeps_a_site_under_a_path_and_the_query(settings):
    settings.SITE_URL = "https://example.org/natverk/"
    assert absolute_url("/") == "https://example.org/natverk/"
    assert absolute_url("/kalender/?vecka=3") == "https://example.org/natverk/kalender/?vecka=3"
    assert absolute_url(reverse("calendar_page")).startswith("https://example.org/natverk/")


def test_single_line_turns_every_break_and_control_character_into_a_space():
    assert single_line(BROKEN) == "Solel på taken och mer"
    assert single_line("  O'Brien &  co \n") == "O'Brien & co"


def test_a_message_subject_is_one_line_by_construction():
    mail = message("Tema:\nSolel\r\nBcc: x@example.org", "Text", to=["a@example.org"])
    assert mail.subject == "Tema: Solel Bcc: x@example.org"
    assert "Bcc" not in mail.message()["Bcc"] if mail.message()["Bcc"] else True
    assert mail.message()["Subject"].count("\n") == 0


@pytest.mark.django_db
def test_plain_text_is_not_html_escaped(neh, administration, representative):
    representative.full_name = "Conan O'Brien"
    question = factories.make_question(neh, administration, title="Mat & svinn: ”O'Brien”")
    body = render_text(
        "meetings/questions/email/step.txt",
        {
            "question": question,
            "person": representative,
            "kind": "answered",
            "url": "https://natverk.example.org/fragor/1/?a=1&b=2",
        },
    )
    assert "Conan O'Brien" in body and "Mat & svinn: ”O'Brien”" in body
    assert "&#x27;" not in body and "&amp;" not in body
    assert "https://natverk.example.org/fragor/1/?a=1&b=2" in body


def test_every_email_is_built_through_config_mail():
    """No EmailMessage, send_mail or render_to_string of e-mail templates outside it."""
    offenders = []
    # A method *named* send_mail (allauth's adapter hook, which renders with allauth's own
    # render_mail) builds nothing itself.
    pattern = re.compile(
        r"(?<!def )\b(EmailMessage|EmailMultiAlternatives|send_mail|send_mass_mail|mail_admins)\("
        r"|render_to_string\([^)]*email/",
        re.S,
    )
    # Files that build a message the app never sends: the answer Outlook would send to the
    # network's mailbox (stdlib email, for the demo), put there over IMAP.
    not_sent = {"config/mail.py", "meetings/replies/outlook.py"}
    for app in ("accounts", "networks", "representatives", "meetings", "config"):
        for path in (ROOT / app).rglob("*.py"):
            if path.relative_to(ROOT).as_posix() in not_sent:
                continue
            if pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"Build e-mails with config.mail.message(): {offenders}"


# The four flows where a line break in a title gave a 500 after the save ----------------------


@pytest.fixture
def rita(representative):
    representative.full_name = "Rita O'Brien"
    representative.save(update_fields=["full_name"])
    return representative


@pytest.fixture
def sent(mailoutbox, django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (where the mail is sent) as a real request would."""

    def post(client, url, data):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data)
        assert response.status_code == 302, response.status_code
        assert mailoutbox, "no e-mail was sent"
        for mail in mailoutbox:
            assert "\n" not in mail.subject and "\r" not in mail.subject
            mail.message().as_bytes()  # what the SMTP backend does: no BadHeaderError
        return mailoutbox

    return post


@pytest.mark.django_db
def test_publishing_a_theme_with_a_line_break(client_for, neh, rita, coordinator, sent):
    meeting = factories.make_meeting(
        neh, days_ahead=40, status=Meeting.Status.PLANNED, theme_title=BROKEN
    )
    url = reverse("meeting_publish", kwargs={"pk": meeting.pk})
    outbox = sent(client_for("coordinator"), url, {"version": meeting.version})
    assert "Solel på taken och mer" in outbox[0].subject
    assert "Rita O'Brien" in outbox[0].body and "&#x27;" not in outbox[0].body
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.PUBLISHED


@pytest.mark.django_db
def test_declining_an_item_with_a_line_break(client_for, neh, rita, administration, sent):
    meeting = factories.make_meeting(neh, days_ahead=30)
    item = factories.make_agenda_item(
        meeting,
        title="Vår\r\nskyfallsplan",
        status=AgendaItem.Status.PROPOSED,
        wished_minutes=20,
        proposed_by=rita,
        administration=administration,
    )
    url = reverse("agenda_triage", kwargs={"pk": meeting.pk, "item_pk": item.pk})
    data = {f"t{item.pk}-action": "decline", f"t{item.pk}-reason": "O'Brien & co tar den."}
    outbox = sent(client_for("coordinator"), url, data)
    assert "Vår skyfallsplan" in outbox[0].subject
    assert "O'Brien & co tar den." in outbox[0].body


@pytest.mark.django_db
def test_closing_a_theme_wish_with_a_line_break(client_for, neh, rita, administration, sent):
    suggestion = ThemeSuggestion.objects.create(
        network=neh,
        suggested_by=rita,
        administration=administration,
        title="Ladd\ninfrastruktur",
        why="Alla bygger.",
        work_area=neh.work_areas.active().first(),
    )
    url = reverse("theme_suggestion_close", kwargs={"code": "neh", "pk": suggestion.pk})
    outbox = sent(client_for("coordinator"), url, {f"c{suggestion.pk}-reason": "Togs upp i våras."})
    assert "Ladd infrastruktur" in outbox[0].subject


@pytest.mark.django_db
def test_answering_a_question_with_a_line_break(client_for, neh, rita, administration, sent):
    question = factories.make_question(
        neh, administration, raised_by=rita, title="Hur mäter vi\r\nmatsvinnet?"
    )
    url = reverse("question_answer", args=[question.pk])
    outbox = sent(client_for("coordinator"), url, {"written_answer": "Så här & så."})
    assert all("Hur mäter vi matsvinnet?" in mail.subject for mail in outbox)
    assert "Så här & så." in outbox[0].body
