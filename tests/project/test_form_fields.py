"""PlainSelect (meetings/form_fields.py) writes a <select> in Python for speed: its HTML must be
exactly what Django's Select widget renders, whatever the value, attributes and labels."""

import pytest
from django import forms

from meetings.form_fields import PlainSelect

CHOICES = [
    ("", "Välj"),
    (1, "Ett <möte> & ”citat”"),
    ("Grupp", [(2, "Två"), (3, "Tre")]),
    (4, "Fyra"),
]


@pytest.mark.parametrize("value", [None, "", 1, "3", [4]])
@pytest.mark.parametrize(
    "attrs",
    [
        None,
        {"id": "id_x", "required": True, "disabled": False, "aria-describedby": 'a"b'},
    ],
)
def test_plain_select_renders_what_django_renders(value, attrs):
    expected = forms.Select(choices=CHOICES).render("x", value, attrs=attrs)
    assert PlainSelect(choices=CHOICES).render("x", value, attrs=attrs) == expected


def test_a_bound_field_with_an_error_renders_alike():
    class Plain(forms.Form):
        meeting = forms.ChoiceField(choices=CHOICES, widget=PlainSelect)

    class Django(forms.Form):
        meeting = forms.ChoiceField(choices=CHOICES)

    plain, django = Plain({"meeting": "9"}), Django({"meeting": "9"})
    assert not plain.is_valid() and not django.is_valid()
    assert str(plain["meeting"]) == str(django["meeting"])
    assert 'aria-invalid="true"' in str(plain["meeting"])
