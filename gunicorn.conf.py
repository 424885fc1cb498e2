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
# The access log leaves out query strings (%(U)s): a search would put the words typed in it.
accesslog = "-"
access_log_format = '%({x-forwarded-for}i)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)s'
