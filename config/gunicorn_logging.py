"""gunicorn's access and error logs with secrets masked (feed, invitation and reset URLs are
credentials; config/logging.py lists them).

Every text atom of an access line is masked (the request line, path, query, referer, headers),
and every handler of both logs masks the whole formatted line, so an error line that quotes a
request is masked too.
"""

import logging

from gunicorn.glogging import Logger

from config.logging import mask_secrets


class _Masked(logging.Formatter):
    def __init__(self, inner: logging.Formatter | None) -> None:
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        return mask_secrets(self.inner.format(record))


class MaskingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not isinstance(handler.formatter, _Masked):
                    handler.setFormatter(_Masked(handler.formatter))

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str):
                atoms[key] = mask_secrets(value)
        return atoms
