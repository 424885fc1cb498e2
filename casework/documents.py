"""Documents at rest: encrypted with AES-256-GCM (the `cryptography` package) under a key from
the environment that the database never holds, and stored through Django's storage API
(STORAGES["documents"]: the file system by default, object storage on several servers).

A stored document is MAGIC, a 12-byte random nonce, then the ciphertext and its 16-byte tag.
The associated data is the SHA-256 the database holds for the document, so that bytes moved
from one document to another, or a changed hash, fail to decrypt. Names in the storage are
random: they tell nothing of the person or the kind of document.

Keys: DOCUMENT_KEY encrypts (and decrypts); DOCUMENT_OLD_KEYS only decrypt, during a rotation.
Each document row holds the fingerprint of its key (key_id), never the key.
"""

import base64
import binascii
import hashlib
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.checks import Error
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

MAGIC = b"ATIPDOC1"
NONCE_BYTES = 12
KEY_BYTES = 32
# Development only (DEBUG): public, in the source, so that `make run` needs no setup.
DEVELOPMENT_KEY = base64.b64encode(hashlib.sha256(b"atip development document key").digest()).decode()


class DocumentUnreadable(Exception):
    """Stored bytes that are missing, were changed, or whose key is not configured."""


def key_id(key: bytes) -> str:
    """The fingerprint of a key, kept with each document: which key encrypted it."""
    return hashlib.sha256(b"atip-document-key:" + key).hexdigest()[:16]


def parse_key(text: str) -> bytes:
    """A key as the environment holds it: 32 random bytes in base64."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise ImproperlyConfigured(
            "DOCUMENT_KEY and DOCUMENT_OLD_KEYS are 32 random bytes in base64: "
            'python -c "import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())"'
        )
    return key


def new_key() -> str:
    """A fresh key, as DOCUMENT_KEY takes it."""
    return base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def current_key() -> bytes:
    """The key new documents are encrypted with. Without DOCUMENT_KEY, the development key
    under DEBUG; in production, nothing is stored or read without a key of its own."""
    if settings.DOCUMENT_KEY:
        key = parse_key(settings.DOCUMENT_KEY)
        if not settings.DEBUG and settings.DOCUMENT_KEY.strip() == DEVELOPMENT_KEY:
            raise ImproperlyConfigured("DOCUMENT_KEY is the public development key: set a key of your own.")
        return key
    if settings.DEBUG:
        return parse_key(DEVELOPMENT_KEY)
    raise ImproperlyConfigured("Set DOCUMENT_KEY (see .env.example): documents are encrypted with it.")


def keyring() -> dict[str, bytes]:
    """Every key that may decrypt a document, by fingerprint: the current one and the old ones."""
    keys = [current_key(), *(parse_key(text) for text in settings.DOCUMENT_OLD_KEYS if text.strip())]
    return {key_id(key): key for key in keys}


def storage() -> Storage:
    return storages["documents"]


def _associated(sha256: str) -> bytes:
    return b"atip-document:" + sha256.encode()


def encrypt(plain: bytes, *, sha256: str, key: bytes | None = None) -> tuple[str, bytes]:
    """(fingerprint of the key, the bytes to store) for `plain`, whose SHA-256 is `sha256`."""
    key = key or current_key()
    nonce = secrets.token_bytes(NONCE_BYTES)
    return key_id(key), MAGIC + nonce + AESGCM(key).encrypt(nonce, plain, _associated(sha256))


def decrypt(stored: bytes, *, key_id: str, sha256: str) -> bytes:
    """The document's bytes, checked twice: by the cipher's tag, then by their SHA-256."""
    key = keyring().get(key_id)
    if key is None:
        raise DocumentUnreadable(f"encrypted with key {key_id}, which is not configured")
    if not stored.startswith(MAGIC) or len(stored) < len(MAGIC) + NONCE_BYTES + 16:
        raise DocumentUnreadable("not an encrypted document")
    nonce = stored[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
    try:
        plain = AESGCM(key).decrypt(nonce, stored[len(MAGIC) + NONCE_BYTES :], _associated(sha256))
    except InvalidTag:
        raise DocumentUnreadable("changed or damaged: it does not decrypt") from None
    if hashlib.sha256(plain).hexdigest() != sha256:
        raise DocumentUnreadable("its SHA-256 differs from the one recorded")
    return plain


def write(stored: bytes) -> str:
    """Store encrypted bytes under a new random name; the name the storage gave."""
    token = secrets.token_hex(16)
    return storage().save(f"{token[:2]}/{token}", ContentFile(stored))


def read(name: str) -> bytes:
    try:
        with storage().open(name, "rb") as stored:
            return stored.read()
    except (FileNotFoundError, OSError) as error:
        raise DocumentUnreadable(f"its stored file cannot be read ({type(error).__name__})") from None


def remove(name: str) -> None:
    storage().delete(name)


def load(document) -> bytes:
    """A document's bytes, decrypted and checked (raises DocumentUnreadable)."""
    return decrypt(read(document.storage_name), key_id=document.key_id, sha256=document.sha256)


# --- System checks (casework.apps) ---------------------------------------------------------------


def check_keys_parse(app_configs=None, **kwargs) -> list[Error]:
    """A key that is set is a valid one (every `manage.py` command, and runserver)."""
    try:
        for text in [settings.DOCUMENT_KEY, *settings.DOCUMENT_OLD_KEYS]:
            if text.strip():
                parse_key(text)
    except ImproperlyConfigured as error:
        return [Error(str(error), id="casework.E001")]
    return []


def check_key_set(app_configs=None, **kwargs) -> list[Error]:
    """Production has a key of its own (`manage.py check --deploy`)."""
    try:
        current_key()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="casework.E002")]
    return []
