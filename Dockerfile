FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# WeasyPrint (PDF factsheet) needs Pango.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
RUN pip install --no-cache-dir . \
    && useradd --system --uid 1000 atip \
    && DEBUG=false SECRET_KEY=build-only-collectstatic-key-not-used-at-runtime-0123456789 \
       python manage.py collectstatic --noinput
USER atip
EXPOSE 8000
# Migrations are a step of their own, as the schema's owner (docker-compose.yml: migrate).
# The access log leaves out query strings (%(U)s): a search would put the words typed in it.
CMD ["gunicorn", "atip.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--access-logformat", "%({x-forwarded-for}i)s %(t)s \"%(m)s %(U)s\" %(s)s %(b)s %(L)s"]
