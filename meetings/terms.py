"""Terms (terminer): VT is January–June, HT is August–December. July belongs to no term."""

import dataclasses
import datetime
import functools

from django.utils.translation import gettext as _


@functools.total_ordering
@dataclasses.dataclass(frozen=True)
class Term:
    year: int
    season: str  # "VT" or "HT"

    def __lt__(self, other: object) -> bool:
        # In time, not by the letters: VT 2027 comes before HT 2027 (the dataclass's own
        # ordering compared the codes, and "HT" < "VT").
        if not isinstance(other, Term):
            return NotImplemented
        return (self.year, self.season == "HT") < (other.year, other.season == "HT")

    def __post_init__(self) -> None:
        if self.season not in {"VT", "HT"}:
            raise ValueError(f"Unknown season {self.season!r}")

    def __str__(self) -> str:
        return self.label(self.formats())

    @staticmethod
    def formats() -> dict[str, str]:
        """Each season's name in the interface language: Swedish "VT 2027", in English
        "Spring 2027" (the season codes stay in URLs and CSV)."""
        return {"VT": _("VT %(year)d"), "HT": _("HT %(year)d")}

    def label(self, formats: dict[str, str]) -> str:
        """The term's name from `formats()`, fetched once for a long list of terms."""
        return formats[self.season] % {"year": self.year}

    @property
    def code(self) -> str:
        """ "HT2024": the term in addresses (`?termin=HT2024`, `termin/HT2024/`)."""
        return f"{self.season}{self.year}"

    @classmethod
    def from_code(cls, code: str) -> "Term | None":
        """The term a code names ("HT2024", "ht2024"), or None for anything else."""
        code = code.upper()
        season, year = code[:2], code[2:]
        if season not in {"VT", "HT"} or not (year.isascii() and year.isdigit() and len(year) == 4):
            return None
        return cls(int(year), season)

    @classmethod
    def of(cls, day: datetime.date) -> "Term":
        """The term a date belongs to; July counts towards the coming autumn term."""
        return cls(day.year, "VT" if day.month <= 6 else "HT")

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.season == "VT" else 8, 1)

    @property
    def last_day(self) -> datetime.date:
        return (
            datetime.date(self.year, 6, 30)
            if self.season == "VT"
            else datetime.date(self.year, 12, 31)
        )

    def next(self) -> "Term":
        return Term(self.year, "HT") if self.season == "VT" else Term(self.year + 1, "VT")
