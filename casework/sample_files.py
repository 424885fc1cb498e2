"""Small synthetic files made in code, for the demo data and the tests (no binary file in the
repository): a one-page PDF with a few lines of text, a PNG and a JPEG drawn with Pillow."""

import io

from PIL import Image, ImageDraw


def pdf(*lines: str) -> bytes:
    """A one-page A4 PDF showing `lines` (ASCII) in Helvetica."""
    text = "".join(
        f"BT /F1 12 Tf 56 {780 - 18 * n} Td ({_pdf_escape(line)}) Tj ET\n" for n, line in enumerate(lines)
    ).encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _pdf_escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _drawing(lines, size=(480, 320)) -> Image.Image:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([8, 8, size[0] - 9, size[1] - 9], outline="black", width=3)
    for n, line in enumerate(lines):
        draw.text((24, 24 + 22 * n), line, fill="black")
    return image


def png(*lines: str) -> bytes:
    out = io.BytesIO()
    _drawing(lines).save(out, "PNG")
    return out.getvalue()


# EXIF tags a phone writes: where (GPS), with what, and which way up.
GPS_INFO, MAKE, ORIENTATION = 0x8825, 0x010F, 0x0112
GPS_LATITUDE_REF, GPS_LATITUDE, GPS_LONGITUDE_REF, GPS_LONGITUDE = 1, 2, 3, 4


def photo(*lines: str, orientation: int = 1, location: bool = True) -> bytes:
    """A JPEG as a phone takes it: with the camera's make, its orientation and, unless told
    otherwise, where it was taken (Belize City) in its EXIF."""
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[ORIENTATION] = orientation
    if location:
        exif[GPS_INFO] = {
            GPS_LATITUDE_REF: "N",
            GPS_LATITUDE: (17.0, 29.0, 52.0),
            GPS_LONGITUDE_REF: "W",
            GPS_LONGITUDE: (88.0, 11.0, 47.0),
        }
    out = io.BytesIO()
    _drawing(lines).save(out, "JPEG", quality=85, exif=exif.tobytes())
    return out.getvalue()
