"""Every piece of text a template writes itself is marked for translation (issue 11.4).

The scan reads each template with Django's own lexer: the text between tags and variables, less
the HTML markup, must hold no words outside {% translate %} / {% blocktranslate %}; nor may the
attributes people read (title, aria-label, placeholder, alt, data-confirm). What is left on a page
in English after switching to Spanish would otherwise be found one screen at a time.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

TEMPLATES = Path(settings.BASE_DIR) / "templates"

# Text that is the same in every language: the product's name, units, symbols.
SAME_IN_EVERY_LANGUAGE = {"ATIP", "ATIPs", "CSV", "XLSX", "JSON", "PDF", "HTML", "HTCDS", "CTDC", "TIP", "OK"}

READABLE_ATTRIBUTE = re.compile(
    r"""\b(?:title|aria-label|placeholder|alt|data-confirm|data-session-[a-z-]+)\s*=\s*"([^"{]*)\"""", re.I
)
TAG = re.compile(r"<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>|<[^>]*>", re.S | re.I)
ENTITY = re.compile(r"&[#a-z0-9]+;", re.I)
WORD = re.compile(r"[^\W\d_]{2,}")


def words(text):
    return [word for word in WORD.findall(text) if word not in SAME_IN_EVERY_LANGUAGE]


def untranslated(source):
    """The strings of one template source that reach the reader without being marked."""
    found = []
    inside_block_translate = inside_comment = False
    pending_markup = ""
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in {"comment", "endcomment"}:
                inside_comment = name == "comment"
            elif name in {"blocktranslate", "blocktrans"}:
                inside_block_translate = True
            elif name in {"endblocktranslate", "endblocktrans"}:
                inside_block_translate = False
            continue
        if token.token_type != TokenType.TEXT or inside_block_translate or inside_comment:
            continue
        text = pending_markup + token.contents
        pending_markup = ""
        # A tag split by a {{ variable }} or {% tag %} continues in the next text token.
        if text.rfind("<") > text.rfind(">"):
            pending_markup = text[text.rfind("<") :]
            text = text[: text.rfind("<")]
        for value in READABLE_ATTRIBUTE.findall(text):
            if words(value):
                found.append(value.strip())
        visible = ENTITY.sub(" ", TAG.sub(" ", text))
        if words(visible):
            found.append(" ".join(visible.split()))
    return found


def template_files():
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("path", template_files(), ids=lambda path: str(path.relative_to(TEMPLATES)))
def test_template_text_is_marked_for_translation(path):
    assert untranslated(path.read_text()) == []


def test_the_scan_finds_unmarked_text():
    source = (
        '{% load i18n %}<h1>Victims</h1><p title="Open it">{% translate "Fine" %}</p>'
        "{% blocktranslate %}Also fine {{ x }}{% endblocktranslate %}<b>ATIP</b>"
        "{% comment %}A note for developers{% endcomment %}"
    )
    assert untranslated(source) == ["Open it", "Victims"]
