"""Create forms submit once: a repeated or parallel submit returns the first result.

Each render of a create form carries a new token (`OnceForm`'s hidden `submission` field). The
view creates the record inside `once(user, form)`, which first inserts the token (unique per
person, `Submission`) in the same transaction and, at the end, stores where the result is.

- Submitted again later (a double click, the back button, a retried request): the insert hits
  the unique index at once, nothing is created, and the person is sent to the first result.
- Submitted twice in parallel: the second insert waits on the unique index until the first
  transaction ends. If the first committed, the second is sent to its result; if it failed, its
  token went with it and the second goes ahead.

A form re-rendered with errors keeps its token (nothing was created with it); a fresh form
gets a new one. The tokens are kept for `KEPT` and then deleted (accounts/retention.py).
"""

import datetime
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import retention
from networks.models import Submission

KEPT = datetime.timedelta(days=30)

MISSING = gettext_lazy(
    "Formuläret saknar sin engångskod. Läs in sidan igen och skicka det på nytt."
)


class OnceForm(forms.Form):
    """A create form's token. Mix it into the form (`class XForm(OnceForm, forms.ModelForm)`);
    a model form editing a saved instance has no token (it is no create form then)."""

    submission = forms.UUIDField(
        label=gettext_lazy("Engångskod"),
        widget=forms.HiddenInput,
        initial=uuid.uuid4,  # called once per render
        error_messages={"required": MISSING, "invalid": MISSING},
    )

    submission_token: uuid.UUID | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and not instance._state.adding:
            del self.fields["submission"]

    def clean(self):
        cleaned = super().clean()
        # Kept apart, so the cleaned data is only the record's (workflows take it as a whole).
        self.submission_token = cleaned.pop("submission", None)
        return cleaned


class Repeated(Exception):
    """The form's token was used already; `url` is where its first submission led."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


@contextmanager
def once(user, form: OnceForm) -> Iterator[Submission]:
    """Run the block that creates the record once per token, in one transaction with it.

    The block sets `submission.url` to the page of the result (where the view then redirects).
    Raises `Repeated` before the block runs if the token was used; if the block raises, nothing
    is kept, the token included."""
    token = form.submission_token
    if token is None:
        raise ValueError("once(): a valid OnceForm has its token")
    with transaction.atomic():
        try:
            with transaction.atomic():
                submission = Submission.objects.create(user=user, token=token)
        except IntegrityError:
            first = Submission.objects.filter(user=user, token=token).values_list("url", flat=True)
            raise Repeated(first.get()) from None
        yield submission
        if not submission.url:
            raise ValueError("once(): the block must set submission.url")
        submission.save(update_fields=["url"])


def repeat_of(request: HttpRequest) -> Repeated | None:
    """`Repeated` if this POST's token was used already, else None. Asked before the form is
    checked: the first submit may have changed what the checks look at (a person appointed
    twice is "already appointed"), and a repeat should get the first result, not an error."""
    raw = request.POST.get("submission", "")
    try:
        token = uuid.UUID(raw) if len(raw) <= 36 else None
    except ValueError:
        token = None
    if token is None or not request.user.is_authenticated:
        return None
    url = Submission.objects.filter(user=request.user, token=token).values_list("url", flat=True)
    first = url.first()
    return Repeated(first) if first else None


def repeated(request: HttpRequest, error: Repeated) -> HttpResponse:
    """The answer to a repeated submit: the first result, with a note that nothing new was made.
    htmx gets the same as a redirect it follows in the browser (`HX-Redirect`)."""
    messages.info(
        request,
        _("Formuläret var redan skickat, så inget nytt skapades. Här är det som skapades."),
    )
    if request.headers.get("HX-Request") == "true":
        return HttpResponse(headers={"HX-Redirect": error.url})
    return redirect(error.url)


def delete_old(now: datetime.datetime) -> int:
    deleted, _by_model = Submission.objects.filter(created_at__lt=now - KEPT).delete()
    return deleted


retention.register("engångskoder för formulär", delete_old)
