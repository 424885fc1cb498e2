from pathlib import Path

# The Council's sample data set (../shared/examples/sample-import, copied so the suite does not
# depend on a folder outside the repository): the import format with shuffled columns, and
# expected-2020.json, the figures annual-statistics.md gives for it.
SAMPLE = Path(__file__).resolve().parent / "data" / "sample-import"
