"""Compressed answers: Django's GZipMiddleware for every page, except calendars.

Pages are HTML that compresses about tenfold (the meeting page: 130 KB, under 10 KB gzipped).
Django's middleware also carries its BREACH mitigation (a random amount of filler in the gzip
header, "Heal The Breach"), which matters because pages hold the CSRF token next to text a
person typed. Calendar files and feeds (text/calendar) are sent as they are: Outlook's
subscription client has been seen to mishandle compressed feeds, and a feed's validators
(ETag, Last-Modified) are compared byte for byte by the calendar clients. See
docs/architecture.md (Decisions, "Compressed pages").
"""

from django.middleware.gzip import GZipMiddleware

NEVER_COMPRESSED = ("text/calendar",)


class CompressPagesMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith(NEVER_COMPRESSED):
            return response
        return super().process_response(request, response)
