#!/usr/bin/env bash
# CI (issue 22.5): back up a seeded PostgreSQL database and its documents with deploy/backup.sh,
# drop both, restore them with deploy/restore.sh, and check that the audit chain is whole, the
# annual figures of every year are those of before, and every document decrypts.
#   deploy/ci-backup-check.sh <database name>   (PostgreSQL on 127.0.0.1:5432, run as root)
set -euo pipefail
cd "$(dirname "$0")/.."

DB="${1:?database name}_backup"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q "$@"; }
ensure_role() {  # name, attributes (as .ci/run)
  psql_admin -tc "SELECT 1 FROM pg_roles WHERE rolname = '$1'" | grep -q 1 \
    || psql_admin -c "CREATE ROLE $1 LOGIN PASSWORD '$1' $2"
}
fresh_database() {
  psql_admin -c "DROP DATABASE IF EXISTS $DB"
  psql_admin -c "CREATE DATABASE $DB OWNER atip_owner"
  psql_admin -d "$DB" -c "ALTER SCHEMA public OWNER TO atip_owner"
}
figures() {  # every year's internal figures (annual_report --format json), into $1
  .venv/bin/python manage.py shell --no-imports -c "
import io, json
from django.core.management import call_command
from reports.forms import statistics_years
out = {}
for year in statistics_years():
    text = io.StringIO()
    call_command('annual_report', '--year', str(year), '--format', 'json', stdout=text)
    out[year] = json.loads(text.getvalue())
open('$1', 'w').write(json.dumps(out, sort_keys=True))
"
}

export DEBUG=true  # seed_demo is for development databases only
export DATABASE_URL="postgres://atip_app:atip_app@127.0.0.1:5432/$DB"
export MIGRATION_DATABASE_URL="postgres://atip_owner:atip_owner@127.0.0.1:5432/$DB"
export DOCUMENTS_ROOT="$WORK/documents"
export DOCUMENT_KEY="$(.venv/bin/python -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())')"
export BACKUP_DATABASE_URL="$DATABASE_URL"  # the application's role: no owner's password needed
export BACKUP_DIR="$WORK/backups"
export BACKUP_PASSPHRASE_FILE="$WORK/passphrase"
export GNUPGHOME="$WORK/gnupg"
mkdir -p "$DOCUMENTS_ROOT" "$GNUPGHOME" && chmod 700 "$GNUPGHOME"
head -c 32 /dev/urandom | base64 > "$BACKUP_PASSPHRASE_FILE"

ensure_role atip_owner CREATEDB
ensure_role atip_app ""
fresh_database
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py seed_demo > /dev/null
figures "$WORK/before.json"
deploy/backup.sh

fresh_database
rm -rf "$DOCUMENTS_ROOT" && mkdir -p "$DOCUMENTS_ROOT"
deploy/restore.sh "$(ls "$BACKUP_DIR"/atip-*.sha256 | sed 's/\.sha256$//')"

.venv/bin/python manage.py verify_audit
figures "$WORK/after.json"
cmp "$WORK/before.json" "$WORK/after.json" && echo "The annual figures of every year are those of before the backup."
.venv/bin/python manage.py check_documents
psql_admin -c "DROP DATABASE $DB"
