"""`pk_url` is `reverse` with one integer key, under any script prefix."""

import pytest
from django.urls import reverse, set_script_prefix

from config.reversing import pk_url

NAMES = [
    "action_done",
    "agenda_proposals",
    "agenda_manage",
    "evaluation_answer",
    "indicator_value_record",
    "question_detail",
    "report_back_status",
    "meeting_detail",
]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("prefix", ["/", "/natverken/"])
def test_pk_url_is_reverse(name, prefix):
    set_script_prefix(prefix)
    try:
        for pk in (1, 42, 10**12):
            assert pk_url(name, pk) == reverse(name, kwargs={"pk": pk})
        assert pk_url(name, 7).startswith(prefix)
    finally:
        set_script_prefix("/")


def test_a_key_is_a_number():
    with pytest.raises(ValueError):
        pk_url("action_done", "1/../../admin")  # type: ignore[arg-type]
