from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from records.exporter import ExportError, export_records


class Command(BaseCommand):
    help = (
        "Export every record (archived ones too) in the import format: a new folder of CSV files, "
        "or one .xlsx workbook. Cells a spreadsheet would run as formulas are neutralised."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a new folder (csv) or a new .xlsx file")
        parser.add_argument(
            "--format",
            choices=["csv", "xlsx"],
            help="csv (default) or xlsx (the default when PATH ends in .xlsx)",
        )

    def handle(self, *args, path: Path, format: str | None, **options):
        file_format = format or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
        try:
            counts = export_records(path=path, file_format=file_format)
        except (ExportError, OSError) as error:
            raise CommandError(str(error)) from None
        for name, count in counts.items():
            self.stdout.write(
                f"{name.removesuffix('.csv') if file_format == 'xlsx' else name}: {count} records"
            )
        self.stdout.write(f"Exported to {path}.")
