"""gunicorn's settings for this application (read from the working directory at start).

Measured with scripts/load_test.py on 2 cores (docs/performance.md, "Load test"): at national
scale the heaviest pages spend more time in Python than waiting on PostgreSQL, and Python runs one
thread of a process at a time, so three processes a core with two threads each spread the pages
over both cores (p95 210 ms at 30 staff, against 280 ms with 3 processes × 4 threads), while no
slow page (the statistics after a change) holds every worker. Override with the environment.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# At most 12 by default: each holds its threads' database connections (CONN_MAX_AGE).
workers = int(os.environ.get("GUNICORN_WORKERS", str(min(3 * (os.cpu_count() or 1), 12))))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = 60
# Idle keep-alive connections are closed after this long. Longer than a person's pause between
# pages in the load test (1–3 s), so that a request sent just as the server closes the
# connection it reuses does not fail (seen once with 2 s, gunicorn's default: a log-in POST,
# which a client does not resend); idle connections cost the gthread worker no thread.
keepalive = 5
# The access log leaves out query strings (%(U)s): a search would put the words typed in it.
# Every line of the access and error logs goes through atip.redaction: a password link's token
# (and any other secret in a path) is written as "…".
accesslog = "-"
logger_class = "atip.redaction.RedactingGunicornLogger"
access_log_format = '%({x-forwarded-for}i)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)s'
