FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# WeasyPrint (PDF factsheet) needs Pango; deploy/backup.sh and restore.sh need pg_dump (15, as
# the db service) and gpg.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 postgresql-client gnupg \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
RUN pip install --no-cache-dir . \
    && useradd --system --uid 1000 atip \
    && install -d -o atip /var/cache/atip \
    && install -d -o atip -m 700 /var/lib/atip/documents \
    && install -d -o atip -m 700 /var/lib/atip/anchors \
    && install -d -o atip -m 700 /var/backups/atip \
    && DEBUG=false SECRET_KEY=build-only-collectstatic-key-not-used-at-runtime-0123456789 \
       python manage.py collectstatic --noinput
USER atip
EXPOSE 8000
# Migrations are a step of their own, as the schema's owner (docker-compose.yml: migrate).
# Workers, threads and the access log (without query strings): gunicorn.conf.py.
CMD ["gunicorn", "atip.wsgi:application"]
