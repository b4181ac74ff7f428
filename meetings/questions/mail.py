"""The questions' e-mails (Swedish): the administration's people are told when the network
answers, refers or records an outcome. The coordinators of the network a question is referred
to hear of it in their daily digest (meetings/reminders/digest.py), not in a mail of its own.

Recorded in the outbox within the step's transaction (meetings/outbox/), so a rolled-back
step sends nothing.
"""

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from config.mail import absolute_url, message, render_subject, render_text
from meetings.models import Question
from meetings.outbox import outbox
from representatives.models import Appointment


def members(question: Question) -> list[User]:
    """Who raised it, and the administration's current representative and substitute in the
    question's network: each person once, active, with an address."""
    person_ids = set(
        Appointment.objects.current()
        .filter(network_id=question.network_id, administration_id=question.administration_id)
        .values_list("person_id", flat=True)
    )
    if question.raised_by_id:
        person_ids.add(question.raised_by_id)
    return list(
        User.objects.filter(pk__in=person_ids, is_active=True).exclude(email="").order_by("email")
    )


def _messages(question: Question, kind: str, people) -> list[EmailMultiAlternatives]:
    url = absolute_url(reverse("question_detail", kwargs={"pk": question.pk}))
    messages = []
    with translation.override("sv"):
        for person in people:
            context = {"question": question, "person": person, "kind": kind, "url": url}
            subject = render_subject("meetings/questions/email/subject.txt", context)
            body = render_text("meetings/questions/email/step.txt", context)
            messages.append(message(subject, body, to=[person.email]))
    return messages


def notify_members(question: Question, kind: str) -> None:
    """kind: "answered", "referred" or "outcome"."""
    outbox.record(
        _messages(question, kind, members(question)), kind=f"question.{kind}", obj=question
    )
