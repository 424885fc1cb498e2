"""Previous versions of a record (django-simple-history), with what each version changed."""

from collections import defaultdict

from django.utils.translation import gettext as _

HIDDEN = {"version", "updated_at", "adult_on", "search_name"}
# Columns of a many-to-many history row that are not part of the set (simple-history's own list).
M2M_BOOKKEEPING = {"id", "m2m_history_id", "history"}


def _shown(field, value) -> str:
    """A value of `field` as a person reads it, in the active language: a code's label, a set's
    labels ("Domestic servitude, Forced labour"), yes or no."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, list) and not field.many_to_many:  # a JSON list of codes (victims.trafficking)
        labels = next((dict(v.choices) for v in field.validators if hasattr(v, "choices")), {})
        return ", ".join(str(labels.get(code, code)) for code in value)
    if isinstance(value, list):  # a many-to-many set: rows of {source: id, target: code}
        source = field.model._meta.model_name
        labels = dict(field.related_model._meta.pk.flatchoices)  # a code table's code -> its label
        return ", ".join(
            sorted(str(labels.get(v, v)) for row in value for k, v in row.items() if k != source)
        )
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    return str(dict(field.flatchoices).get(value, value)) if field.choices else str(value)


def _m2m_rows(history_model, entries) -> dict[str, dict]:
    """{field name: {history_id: rows}} for every many-to-many field the history keeps: the rows
    diff_against compares, fetched in one query per field for all `entries` (diff_against itself
    would take two queries per version)."""
    sets = {}
    for field in history_model._history_m2m_fields:
        m2m_model = getattr(history_model, field.name).model
        columns = [f.name for f in m2m_model._meta.fields if f.editable and f.name not in M2M_BOOKKEEPING]
        rows = defaultdict(list)
        fetched = (
            m2m_model._default_manager.filter(history__in=[entry.pk for entry in entries])
            .order_by(field.m2m_reverse_field_name())
            .values("history", *columns)
        )
        for row in fetched:
            rows[row.pop("history")].append(row)
        sets[field.name] = rows
    return sets


def _changes(newer, older, m2m_rows) -> list[tuple[str, object, object]]:
    """(field, old, new) for each field `newer` changed since `older`, by field name."""
    changes = [
        (change.field, change.old, change.new)
        for change in newer.diff_against(older, excluded_fields=set(m2m_rows)).changes
    ]
    for name, rows in m2m_rows.items():
        old, new = rows.get(older.pk, []), rows.get(newer.pk, [])
        if old != new:
            changes.append((name, old, new))
    return sorted(changes, key=lambda change: change[0])


def _with_previous(entries: list) -> list[tuple]:
    """(version, the previous version of the same record or None), newest first."""
    previous, pairs = {}, []
    for entry in reversed(entries):
        pairs.append((entry, previous.get(entry.id)))
        previous[entry.id] = entry
    return pairs[::-1]


def history_with_changes(history_qs, *, limit: int = 20) -> list:
    """The latest `limit` versions that changed something shown, each with `.changes`
    (["field: old → new", …]).

    `history_qs` may hold the versions of several records (a victim's service episodes): each
    version is compared with the previous version of the same record in the fetched list; the
    oldest fetched of a record is shown as created, or with no detail. A fixed number of queries:
    one for the versions and one per many-to-many field for the sets of all of them.
    """
    entries = list(
        history_qs.select_related("history_user").order_by("-history_date", "-history_id")[: limit * 2]
    )
    m2m_rows = _m2m_rows(history_qs.model, entries)
    shown = []
    for newer, older in _with_previous(entries):
        newer.changes = []
        if older is not None:
            for name, old, new in _changes(newer, older, m2m_rows):
                if name in HIDDEN:
                    continue
                field = newer.instance_type._meta.get_field(name)
                newer.changes.append(f"{field.verbose_name}: {_shown(field, old)} → {_shown(field, new)}")
        if newer.changes or newer.history_type == "+" or older is None:
            shown.append(newer)
    return shown[:limit]
