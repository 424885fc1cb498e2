"""The Spanish catalogue is complete and the compiled one in the repository is up to date
(issue 11.4; docs/translation.md). Needs GNU gettext (msgfmt), as compilemessages does."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "locale"
PO = LOCALE / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

pytestmark = pytest.mark.skipif(
    not shutil.which("msgfmt"), reason="GNU gettext is not installed (apt-get install gettext)"
)


def entries(*options):
    """The msgids msgattrib selects with `options`, less the header."""
    out = subprocess.run(["msgattrib", *options, str(PO)], capture_output=True, text=True, check=True).stdout
    return [block for block in out.split("\n\n") if "msgid" in block and 'msgid ""\nmsgstr' not in block]


def test_no_entry_is_untranslated_or_fuzzy():
    assert entries("--untranslated") == []
    assert entries("--only-fuzzy") == []


def test_compilemessages_compiles_the_catalogue_the_repository_holds(tmp_path, monkeypatch, settings):
    shutil.copytree(LOCALE, tmp_path / "locale")
    (tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.mo").unlink()
    monkeypatch.chdir(tmp_path)  # compilemessages also compiles every locale/ under the current directory
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    call_command("compilemessages", locale=["es"], verbosity=0)  # msgfmt --check-format: placeholders agree

    compiled = tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.mo"
    with compiled.open("rb") as fresh, MO.open("rb") as held:
        fresh_catalogue = gettext.GNUTranslations(fresh)._catalog
        assert gettext.GNUTranslations(held)._catalog == fresh_catalogue, "compile, then commit the .mo"
    assert len(fresh_catalogue) > 1000


@pytest.mark.parametrize(
    ("english", "spanish"),
    [("Victims", "Víctimas"), ("Log out", "Cerrar sesión"), ("Stay signed in", "Mantener la sesión abierta")],
)
def test_the_words_people_see_first(english, spanish):
    with MO.open("rb") as held:
        assert gettext.GNUTranslations(held).gettext(english) == spanish
