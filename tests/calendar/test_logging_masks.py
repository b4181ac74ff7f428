"""The feed secret never reaches gunicorn's access log."""

import datetime
import types

from gunicorn.config import Config

from config.gunicorn_logging import MaskingLogger


def test_gunicorn_access_log_masks_feed_secret():
    logger = MaskingLogger(Config())
    secret = "p6W3n2XrG0u9b8v7c6d5e4f3g2h1i0jk"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/kalender/{secret}.ics",
        "PATH_INFO": f"/kalender/{secret}.ics",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = types.SimpleNamespace(status="200 OK", sent=10, headers=[], response_length=10)
    request = types.SimpleNamespace(headers=[], method="GET", path=environ["PATH_INFO"])
    atoms = logger.atoms(response, request, environ, datetime.timedelta(milliseconds=3))
    line = logger.cfg.access_log_format % atoms
    assert secret not in line
    assert "/kalender/[hemlig].ics" in atoms["r"]
