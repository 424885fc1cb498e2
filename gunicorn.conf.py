"""gunicorn's settings for this application (read from the working directory at start).

Measured with scripts/load_test.py on 2 cores (docs/performance.md, "Load test"): most requests
wait on PostgreSQL, so a few processes each with a few threads keep both cores busy while no
slow page (the statistics after a change) holds every worker. Override with the environment.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
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
