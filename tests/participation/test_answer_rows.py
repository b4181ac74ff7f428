"""The coordinators' list of answers writes its rows in Python (meetings/templatetags/
answer_rows.py): each answer reads as the answer partial writes it, in both languages."""

import itertools

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from meetings.models import Attendance
from meetings.templatetags.answer_rows import answer_html

ANSWERS = ["", *Attendance.Answer.values]
SOURCES = Attendance.Source.values
COMMENTS = ["", 'Sen <b>"&"</b> kanske']


@pytest.mark.parametrize("language", ["sv", "en"])
def test_each_answer_reads_as_the_partial_writes_it(language):
    written: dict = {}
    with translation.override(language):
        assert answer_html(None) == partial(None)
        assert answer_html(None, written) == answer_html(None, written) == partial(None)
        for answer, source, comment, tentative in itertools.product(
            ANSWERS, SOURCES, COMMENTS, (False, True)
        ):
            attendance = Attendance(
                answer=answer, source=source, comment=comment, tentative=tentative
            )
            assert answer_html(attendance) == partial(attendance)
            # As the list writes them: each kind of answer once, then from what it wrote.
            expected = partial(attendance)
            assert answer_html(attendance, written) == answer_html(attendance, written) == expected


def partial(attendance) -> str:
    html = render_to_string("meetings/participation/_answer.html", {"attendance": attendance})
    return html.rstrip("\n")  # the file's last line break
