"""The pseudonymous person-level file (HTCDS 2.0) leaves the building only under a data-sharing
agreement (spec/roles.md): as a zip encrypted with AES-256 (WinZip AES, pyzipper) under a
password made for it, shown once to the secretary, who sends it by another channel than the file.

The archive waits in the cache (encrypted, ARCHIVE_SECONDS) for one download; the password is
kept nowhere. Each export is audited with the agreement's reference and the archive's SHA-256.
"""

import hashlib
import io
import secrets
from dataclasses import dataclass

import pyzipper
from django.core.cache import cache

from reports.person_level import htcds_csv_of, htcds_table, persons

ARCHIVE_SECONDS = 10 * 60
# No 0/O, 1/l/I: read aloud or typed from a phone call.
ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GROUPS, GROUP_LENGTH = 5, 5  # 25 characters: about 145 bits


@dataclass(frozen=True)
class Archive:
    token: str  # where it waits for its download
    password: str
    records: int  # persons
    rows: int  # a row per person per case (reports.person_level.htcds_rows)
    sha256: str


def new_password() -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))


def encrypted_zip(files: dict[str, str], password: str) -> bytes:
    out = io.BytesIO()
    with pyzipper.AESZipFile(
        out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(password.encode())
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return out.getvalue()


def _key(token: str) -> str:
    return f"person-level-archive:{token}"


def htcds_archive() -> Archive:
    """The HTCDS file, zipped and encrypted; kept for one download."""
    people = persons()
    rows = htcds_table(people)
    password = new_password()
    content = encrypted_zip({"htcds-victims.csv": htcds_csv_of(rows)}, password)
    token = secrets.token_urlsafe(24)
    cache.set(_key(token), content, ARCHIVE_SECONDS)
    return Archive(
        token=token,
        password=password,
        records=len(people),
        rows=len(rows),
        sha256=hashlib.sha256(content).hexdigest(),
    )


def take_archive(token: str) -> bytes | None:
    """The archive's bytes, once: a second download (or a late one) finds nothing."""
    content = cache.get(_key(token))
    cache.delete(_key(token))
    return content
