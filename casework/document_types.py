"""What a document is, read from its bytes and never from its name, against an allow-list:
PDF, JPEG, PNG and Word (DOCX) — scans, photos taken with a phone, screenshots, and the letters
and court orders agencies send as Word files. Nothing else is taken: not HEIC (phones' browsers
send a JPEG), not old .doc nor macro-enabled Word files, not spreadsheets or archives.

Photos lose their metadata without being re-encoded: a JPEG keeps its image data, its colour
profile and its orientation, and loses every EXIF, XMP, IPTC and maker block (the place it was
taken, the camera, the time) and whatever follows its end; a PNG keeps only the chunks that draw
it. Each is then decoded, so that a file that only starts like an image is refused.
"""

import io
import struct
import warnings
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from casework.models.documents import FileType

MIME = {
    FileType.PDF: "application/pdf",
    FileType.JPEG: "image/jpeg",
    FileType.PNG: "image/png",
    FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSION = {FileType.PDF: "pdf", FileType.JPEG: "jpg", FileType.PNG: "png", FileType.DOCX: "docx"}
ACCEPT = ",".join([*MIME.values(), ".pdf", ".jpg", ".jpeg", ".png", ".docx"])  # the file input's hint

SIGNATURES = {
    FileType.PDF: b"%PDF-",
    FileType.JPEG: b"\xff\xd8\xff",
    FileType.PNG: b"\x89PNG\r\n\x1a\n",
    FileType.DOCX: b"PK\x03\x04",
}
MAX_PIXELS = 60_000_000  # a 60-megapixel photo; more is a decompression bomb, not a document
DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCX_MAX_UNPACKED = 200 * 1024 * 1024  # what the parts of a Word file may add up to, unpacked

REFUSED_TYPE = _("This file is not a PDF, a JPEG or PNG image, or a Word (DOCX) document: it cannot be kept.")


@dataclass(frozen=True)
class Cleaned:
    file_type: FileType
    content: bytes  # what is stored: the upload, less a photo's metadata


def _refuse(message, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def detect(content: bytes) -> FileType:
    """The type the first bytes say, or a ValidationError."""
    for file_type, signature in SIGNATURES.items():
        if content.startswith(signature):
            return file_type
    raise _refuse(REFUSED_TYPE, "type")


def clean(content: bytes) -> Cleaned:
    """The file as it will be stored, or a ValidationError saying why it is refused."""
    file_type = detect(content)
    if file_type == FileType.PDF:
        if b"%%EOF" not in content[-2048:]:
            raise _refuse(_("This PDF is incomplete or damaged: save or scan it again."), "damaged")
        return Cleaned(file_type, content)
    if file_type == FileType.DOCX:
        _check_docx(content)
        return Cleaned(file_type, content)
    stripped = _strip_jpeg(content) if file_type == FileType.JPEG else _strip_png(content)
    _check_image(stripped)
    return Cleaned(file_type, stripped)


# --- Word --------------------------------------------------------------------------------------


def _check_docx(content: bytes) -> None:
    """A Word document without macros: a zip with a main document of the plain DOCX type."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise _refuse(REFUSED_TYPE, "type")
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise _refuse(
                    _("This Word document contains macros: save it as a plain .docx or a PDF."), "macros"
                )
            if sum(info.file_size for info in archive.infolist()) > DOCX_MAX_UNPACKED:
                raise _refuse(REFUSED_TYPE, "type")
            if archive.getinfo("[Content_Types].xml").file_size > 1024 * 1024:  # a few KB in a real one
                raise _refuse(REFUSED_TYPE, "type")
            types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, ValueError, RuntimeError, NotImplementedError):
        raise _refuse(_("This Word document is damaged: save it again, or as a PDF."), "damaged") from None
    if DOCX_MAIN not in types:
        raise _refuse(_("This Word document contains macros: save it as a plain .docx or a PDF."), "macros")


# --- Photos ------------------------------------------------------------------------------------

JPEG_KEPT = {0xE0, 0xE2, 0xEE}  # APP0 (JFIF), APP2 (colour profile), APP14 (Adobe: colour transform)
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # markers without a length


def _orientation(content: bytes) -> int:
    try:
        with Image.open(io.BytesIO(content)) as image:
            return int(image.getexif().get(0x0112, 1))
    except Exception:  # noqa: BLE001 - no readable EXIF: upright
        return 1


def _strip_jpeg(content: bytes) -> bytes:
    """The JPEG's segments up to its image data, less APP1 (EXIF, XMP), APP3–APP13, APP15 and
    comments; its image data to its end marker, and nothing after it. Where the photo was
    turned, a new EXIF block holds the orientation alone, so that it still shows upright."""
    damaged = _refuse(_("This image is damaged: take or save the photo again."), "damaged")
    orientation = _orientation(content)
    segments, at = [], 2
    while True:
        while content[at : at + 2] == b"\xff\xff":
            at += 1  # fill bytes
        if at + 4 > len(content) or content[at] != 0xFF:
            raise damaged
        marker = content[at + 1]
        if marker in JPEG_STANDALONE:
            segments.append((marker, content[at : at + 2]))
            at += 2
            continue
        (length,) = struct.unpack(">H", content[at + 2 : at + 4])
        if marker == 0xDA:  # start of scan: the image data follows, to the end marker
            end = content.find(b"\xff\xd9", at + 2 + length)
            if end < 0:
                raise damaged
            break
        if marker in JPEG_KEPT or not (0xE0 <= marker <= 0xEF or marker == 0xFE):
            segments.append((marker, content[at : at + 2 + length]))
        at += 2 + length
    if orientation != 1:  # after the JFIF header, which comes first where there is one
        segments.insert(
            1 if segments and segments[0][0] == 0xE0 else 0, (0xE1, _orientation_block(orientation))
        )
    return b"\xff\xd8" + b"".join(segment for _marker, segment in segments) + content[at : end + 2]


def _orientation_block(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = exif.tobytes()  # b"Exif\0\0" and a TIFF header with the one tag
    return b"\xff\xe1" + struct.pack(">H", len(data) + 2) + data


PNG_KEPT = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"gAMA",
    b"cHRM",
    b"sRGB",
    b"iCCP",
    b"sBIT",
    b"pHYs",
    b"bKGD",
}


def _strip_png(content: bytes) -> bytes:
    """The PNG's chunks that draw it (no text, time or EXIF chunk), to IEND and nothing after."""
    out, at = bytearray(SIGNATURES[FileType.PNG]), 8
    while at + 12 <= len(content):
        (length,) = struct.unpack(">I", content[at : at + 4])
        kind = content[at + 4 : at + 8]
        chunk = content[at : at + 12 + length]
        if len(chunk) < 12 + length:
            break
        if kind in PNG_KEPT:
            out += chunk
        if kind == b"IEND":
            return bytes(out)
        at += 12 + length
    raise _refuse(_("This image is damaged: take or save the photo again."), "damaged")


def _check_image(content: bytes) -> None:
    """The image decodes, and is not a decompression bomb."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise _refuse(_("This image has too many pixels: send a smaller photo."), "pixels")
                image.load()
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise _refuse(_("This image is damaged: take or save the photo again."), "damaged") from None
