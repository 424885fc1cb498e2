"""A select of many fixed options (the 250 countries) without the template engine's cost: Django
renders each <option> through a template of its own, about 8 ms for the nationality filter of the
victims list, on every request."""

from functools import lru_cache

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries import countries

OPTION = '\n  <option value="{}">{}</option>\n'
# The options' HTML by their choices, values and labels in a language (a few selects × languages).
_OPTIONS: dict[tuple, list[tuple[str, str]]] = {}
MAX_KEPT = 32


@lru_cache(maxsize=8)
def _countries(language: str) -> list[tuple[str, str]]:
    return [(country.code, str(country.name)) for country in countries]


def country_choices() -> list[tuple[str, str]]:
    """The countries by their names in the page's language (django-countries sorts and translates
    its 250 names again on every use, about 3 ms): kept per language."""
    return _countries(get_language() or "")


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them: True bare, False left out."""
    return mark_safe(  # noqa: S308  (each part built by format_html)
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class ManyOptionsSelect(forms.Select):
    """One choice among many fixed options: the HTML of Django's select template, built in Python,
    each option's HTML kept per set of choices (labels in the page's language); only the chosen
    one is marked. Options only, no groups."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = next(iter(self.format_value(value)), None)
        lines = []
        for option_value, option in self._options():
            if option_value == chosen:
                option = option.replace(">", " selected>", 1)
                chosen = None  # one option only, as Django's select marks it
            lines.append(option)
        return mark_safe(
            format_html('<select name="{}"{}>', name, _attrs(attrs)) + "".join(lines) + "\n</select>"
        )

    def _options(self) -> list[tuple[str, str]]:
        key = tuple((str(value), str(label)) for value, label in self.choices)  # no option groups
        if key not in _OPTIONS:
            if len(_OPTIONS) >= MAX_KEPT:
                _OPTIONS.clear()
            _OPTIONS[key] = [(value, format_html(OPTION, value, label)) for value, label in key]
        return _OPTIONS[key]
