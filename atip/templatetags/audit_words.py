"""`{{ event|in_words }}`: an audit event's detail in words, in the reader's language, wherever a
page lists audit events (atip.audit_log; the audit log page has its lines)."""

from django import template

from atip.audit_log import detail_words

register = template.Library()


@register.filter
def in_words(event) -> str:
    return detail_words(event)
