"""Uploaded files are kept in memory and never written to disk in clear (the application's only
uploads are people's documents, which are stored encrypted): Django's default handler would put
anything past 2.5 MB in a temporary file. Past DOCUMENT_MAX_BYTES the rest of the file is read
and dropped, so that memory holds at most that much per file, and the form is handed a
TooLargeUpload that says how big the file was: its field says so, next to it."""

from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class TooLargeUpload(InMemoryUploadedFile):
    """A file refused for its size: no content, and the size it had."""

    too_large = True

    def __init__(self, *, field_name: str, name: str, content_type: str, size: int, charset):
        super().__init__(BytesIO(), field_name, name, content_type, size, charset)


class BoundedMemoryUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = BytesIO()
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        if not self.too_large and start + len(raw_data) <= settings.DOCUMENT_MAX_BYTES:
            self.file.write(raw_data)
        elif not self.too_large:
            self.too_large = True
            self.file = BytesIO()  # what was kept is dropped at once
        return None  # the last handler: nothing is passed on

    def file_complete(self, file_size):
        if self.too_large:
            return TooLargeUpload(
                field_name=self.field_name,
                name=self.file_name,
                content_type=self.content_type,
                size=file_size,
                charset=self.charset,
            )
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
