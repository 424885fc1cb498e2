"""`{{ user|person }}`: a username with the account's full name and e-mail beside it, wherever an
approval or an audit row names an account (issue 19, item 3: a look-alike username is told apart
by the person behind it)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def beside(user) -> str:
    """ " (Ana Admin, ana@example.org)", escaped; nothing for nobody or an account without either."""
    parts = ", ".join(part for part in (user.get_full_name(), user.email) if part) if user else ""
    return format_html(' <span class="text-muted">({})</span>', parts) if parts else ""


@register.filter
def person(user) -> str:
    """ "ana.admin (Ana Admin, ana@example.org)", escaped; "—" for nobody."""
    if user is None:
        return "—"
    return format_html("{}{}", user.get_username(), beside(user))
