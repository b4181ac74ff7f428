"""Logging filters."""

import logging
import re

# A feed URL's secret is a credential: mask it wherever a request line or path is logged.
CALENDAR_SECRET = re.compile(r"(/kalender/)[^/\s\"'?#]+\.ics")
MASK = r"\1[hemlig].ics"


class MaskCalendarSecrets(logging.Filter):
    """Replace `/kalender/<secret>.ics` by `/kalender/[hemlig].ics` in the formatted message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = CALENDAR_SECRET.sub(MASK, message)
        if masked != message:
            record.msg = masked
            record.args = ()
            request = getattr(record, "request", None)
            if request is not None:
                # AdminEmailHandler and others repr the request; hide its path there too.
                record.request = None
        return True


def mask_calendar_secrets(text: str) -> str:
    return CALENDAR_SECRET.sub(MASK, text)
