"""Previous versions of a record (django-simple-history), with what each version changed."""

HIDDEN = {"version", "updated_at", "adult_on"}


def _shown(field, value) -> str:
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):  # a many-to-many set: rows of {source: id, target: code}
        source = field.model._meta.model_name
        return ", ".join(sorted(str(v) for row in value for k, v in row.items() if k != source))
    return str(dict(field.flatchoices).get(value, value)) if field.choices else str(value)


def history_with_changes(history_qs, *, limit: int = 20) -> list:
    """The latest `limit` versions that changed something shown, each with `.changes`
    (["field: old → new", …]).

    One query: each version is compared with the one before it in the same fetched list; the
    oldest fetched is shown as created, or with no detail.
    """
    entries = list(
        history_qs.select_related("history_user").order_by("-history_date", "-history_id")[: limit * 2]
    )
    shown = []
    for newer, older in zip(entries, [*entries[1:], None][: len(entries)], strict=True):
        newer.changes = []
        if older is not None:
            for change in newer.diff_against(older).changes:
                if change.field in HIDDEN:
                    continue
                field = newer.instance_type._meta.get_field(change.field)
                old, new = _shown(field, change.old), _shown(field, change.new)
                newer.changes.append(f"{field.verbose_name}: {old} → {new}")
        if newer.changes or newer.history_type == "+" or older is None:
            shown.append(newer)
    return shown[:limit]
