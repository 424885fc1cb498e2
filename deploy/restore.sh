#!/usr/bin/env bash
# Restore a backup written by deploy/backup.sh (docs/data-protection.md, "Backups"):
#   deploy/restore.sh /backups/atip-20270101T020000Z
# checks the checksums, decrypts (gpg: the private key or the passphrase file, brought from where
# it is kept off the server), restores the database into RESTORE_DATABASE_URL (an EMPTY database
# owned by the schema's owner; default MIGRATION_DATABASE_URL) and the documents into
# DOCUMENTS_ROOT (which must be empty). Then run: manage.py verify_audit, manage.py
# check_documents, and compare the annual figures (README, "Backups").
set -euo pipefail

base="${1:?usage: restore.sh /path/to/atip-<UTC time> (without the extension)}"
DATABASE="${RESTORE_DATABASE_URL:-${MIGRATION_DATABASE_URL:?set RESTORE_DATABASE_URL or MIGRATION_DATABASE_URL}}"
DOCUMENTS="${DOCUMENTS_ROOT:?set DOCUMENTS_ROOT}"

decrypt() {  # $1 -> stdout
  if [ -n "${BACKUP_PASSPHRASE_FILE:-}" ]; then
    gpg --batch --quiet --pinentry-mode loopback --passphrase-file "$BACKUP_PASSPHRASE_FILE" --decrypt "$1"
  else
    gpg --batch --quiet --decrypt "$1"  # with the private key in the keyring
  fi
}

(cd "$(dirname "$base")" && sha256sum --check --quiet "$(basename "$base").sha256")
mkdir -p "$DOCUMENTS"
if [ -n "$(ls -A "$DOCUMENTS")" ]; then
  echo "restore.sh: $DOCUMENTS is not empty: restore into an empty folder." >&2
  exit 2
fi

# The dump keeps the grants to the application's role; --no-owner: the restoring role owns all.
decrypt "$base.dump.gpg" | pg_restore --no-owner --exit-on-error --single-transaction --dbname="$DATABASE"
decrypt "$base.documents.gpg" | tar --extract --file=- --directory="$DOCUMENTS"
echo "restore.sh: restored the database and the documents from $base"
