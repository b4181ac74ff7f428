"""`pk_url` is `reverse` with one integer key, under any script prefix."""

import pytest
from django.urls import reverse, set_script_prefix

from config.reversing import key_url, pk_url, pk_urls

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
        urls = pk_urls(name)
        for pk in (1, 42, 10**12):
            assert pk_url(name, pk) == reverse(name, kwargs={"pk": pk})
            assert urls(pk) == reverse(name, kwargs={"pk": pk})
        assert pk_url(name, 7).startswith(prefix)
    finally:
        set_script_prefix("/")


def test_a_key_is_a_number():
    with pytest.raises(ValueError):
        pk_url("action_done", "1/../../admin")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        pk_urls("action_done")("1/../../admin")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "fixed"),
    [
        ("object_history", ("uppdrag",)),
        ("object_history", ("forvaltning",)),
        ("theme_suggestion_adopt", ("neh",)),
        ("theme_suggestion_close", ("nsh",)),
        ("report_back_pack", (12,)),
    ],
)
@pytest.mark.parametrize("prefix", ["/", "/natverken/"])
def test_key_url_is_reverse_with_the_key_last(name, fixed, prefix):
    set_script_prefix(prefix)
    try:
        for key in (1, 42, 12, 10**12):
            assert key_url(name, *fixed, key=key) == reverse(name, args=[*fixed, key])
    finally:
        set_script_prefix("/")
