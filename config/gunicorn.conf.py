"""gunicorn's configuration: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Every value can be set from the environment (see README, "Running in production"):

- `BIND` (e.g. `0.0.0.0:8000` or `unix:/run/natverk.sock`), else `0.0.0.0:$PORT`, else
  `127.0.0.1:8000`.
- `WEB_CONCURRENCY`: worker processes, default 2 × CPUs + 1 (at most 8).
- `GUNICORN_THREADS` (default 1), `GUNICORN_TIMEOUT` (seconds, default 30).
- `FORWARDED_ALLOW_IPS`: the proxies whose `X-Forwarded-*` headers gunicorn trusts (gunicorn's
  own default is `127.0.0.1,::1`). Set it to the address of the load balancer or reverse proxy
  in front of gunicorn, so Django sees the original scheme (https); `*` only when nothing but
  the proxy can reach gunicorn. Django itself trusts `X-Forwarded-Proto` (SECURE_PROXY_SSL_HEADER),
  so the proxy must set or strip that header.

Access and error logs go to stdout/stderr for the platform to collect; each access line ends
with the request id that the app returns in `X-Request-ID`.
"""

import multiprocessing
import os

_port = os.environ.get("PORT", "").strip()
bind = os.environ.get("BIND", "").strip() or (f"0.0.0.0:{_port}" if _port else "127.0.0.1:8000")
workers = int(
    os.environ.get("WEB_CONCURRENCY", "").strip() or min(2 * multiprocessing.cpu_count() + 1, 8)
)
threads = int(os.environ.get("GUNICORN_THREADS", "").strip() or 1)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "").strip() or 30)
graceful_timeout = timeout
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "").strip() or "127.0.0.1,::1"
# Load the app before forking: faster start, less memory, and a broken setting stops start-up.
preload_app = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s" request_id=%({x-request-id}o)s'
# The request line of a calendar feed carries its secret: mask it in the access log.
logger_class = "config.gunicorn_logging.MaskingLogger"
