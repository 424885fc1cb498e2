#!/usr/bin/env bash
# Back up the database and the document store, encrypted, rotated by date (docs/data-protection.md,
# "Backups"). Writes to $BACKUP_DIR:
#   atip-<UTC time>.dump.gpg       pg_dump -Fc of the whole database (audit log included)
#   atip-<UTC time>.documents.gpg  a tar of DOCUMENTS_ROOT (the files are already encrypted with
#                                  DOCUMENT_KEY, which is NOT in the backup: keep it apart)
#   atip-<UTC time>.sha256         the two files' checksums
# and removes backups older than $BACKUP_KEEP_DAYS days.
#
# Encryption with gpg, with a key kept off the server: either BACKUP_GPG_RECIPIENT (a public key
# on the server, imported from BACKUP_GPG_PUBLIC_KEY_FILE if set; only the holder of the private
# key, off the server, can restore: the recommended way), or
# BACKUP_PASSPHRASE_FILE (symmetric AES-256; the file is mounted from a secret, and its copy kept
# off the server). Nothing is written unencrypted to disk.
#
# Environment: BACKUP_DATABASE_URL (postgres://…; the application's role reads every table and
# is enough: the owner's password need not be where backups run), DOCUMENTS_ROOT, BACKUP_DIR,
# BACKUP_KEEP_DAYS (default 35). Copy BACKUP_DIR off the server (rsync, object storage) after
# each run: it is encrypted.
set -euo pipefail

DATABASE="${BACKUP_DATABASE_URL:?set BACKUP_DATABASE_URL}"
DIR="${BACKUP_DIR:?set BACKUP_DIR}"
DOCUMENTS="${DOCUMENTS_ROOT:?set DOCUMENTS_ROOT}"
KEEP_DAYS="${BACKUP_KEEP_DAYS:-35}"

encrypt() {  # stdin -> $1, encrypted
  if [ -n "${BACKUP_GPG_RECIPIENT:-}" ]; then
    gpg --batch --yes --trust-model always --encrypt --recipient "$BACKUP_GPG_RECIPIENT" --output "$1"
  elif [ -n "${BACKUP_PASSPHRASE_FILE:-}" ]; then
    gpg --batch --yes --pinentry-mode loopback --passphrase-file "$BACKUP_PASSPHRASE_FILE" \
      --symmetric --cipher-algo AES256 --output "$1"
  else
    echo "backup.sh: set BACKUP_GPG_RECIPIENT or BACKUP_PASSPHRASE_FILE: backups are never kept in clear." >&2
    exit 2
  fi
}

mkdir -p "$DIR"
umask 077
if [ -n "${BACKUP_GPG_PUBLIC_KEY_FILE:-}" ]; then
  gpg --batch --quiet --import "$BACKUP_GPG_PUBLIC_KEY_FILE"
fi
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
base="$DIR/atip-$stamp"

pg_dump --format=custom --no-password --dbname="$DATABASE" | encrypt "$base.dump.gpg.partial"
tar --create --file=- --directory="$DOCUMENTS" . | encrypt "$base.documents.gpg.partial"
mv "$base.dump.gpg.partial" "$base.dump.gpg"
mv "$base.documents.gpg.partial" "$base.documents.gpg"
(cd "$DIR" && sha256sum "atip-$stamp.dump.gpg" "atip-$stamp.documents.gpg" > "atip-$stamp.sha256")

# Rotation: by the date in the name's file times; never the backup just written.
find "$DIR" -maxdepth 1 -type f -name 'atip-*' -mtime +"$KEEP_DAYS" ! -name "atip-$stamp.*" -delete
echo "backup.sh: wrote $base.dump.gpg, $base.documents.gpg and $base.sha256"
