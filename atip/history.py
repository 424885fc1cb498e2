"""Previous versions of a record (django-simple-history), with what each version changed."""


def history_with_changes(history_qs, *, limit: int = 20) -> list:
    """The latest `limit` versions, each with `.changes`: ["field: old → new", …].

    One query: versions are compared with their neighbour in the same fetched list; the oldest
    version fetched is compared with nothing (shown as created, or as "earlier changes").
    """
    entries = list(
        history_qs.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    for newer, older in zip(entries, entries[1:], strict=False):
        delta = newer.diff_against(older)
        newer.changes = [
            f"{newer.instance_type._meta.get_field(c.field).verbose_name}: {c.old or '—'} → {c.new or '—'}"
            for c in delta.changes
            if c.field not in ("version", "updated_at")
        ]
    for entry in entries[-1:]:
        entry.changes = []
    return entries[:limit]
