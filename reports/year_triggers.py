# ruff: noqa: E501  (SQL reads best on one line a clause)
"""The triggers that keep YearGeneration (reports.models): the years each write to a counted
table reaches. PostgreSQL: statement triggers, created by reports/migrations/0003. SQLite: row
triggers, declared to atip.sqlite_triggers (put back after every migrate, since SQLite rebuilds a
table to alter it, and taken away before, since a trigger naming another table stops that table
being rebuilt)."""

# Per counted table: the earliest date a set of its rows ({rows}: id and the columns listed)
# reaches, its own dates and those of the records it is counted with.
REACH = {
    "victims_victim": (
        ["id", "registered_on", "identification_date"],
        """SELECT MIN(d) FROM (
            SELECT r.registered_on AS d FROM {rows} r
            UNION ALL SELECT r.identification_date FROM {rows} r
            UNION ALL SELECT s.start_date FROM services_serviceepisode s JOIN {rows} r ON s.victim_id = r.id
            UNION ALL SELECT p.return_date FROM services_repatriation p JOIN {rows} r ON p.victim_id = r.id
        ) t""",
    ),
    "victims_victim_exploitation_forms": (
        ["victim_id"],
        """SELECT MIN(d) FROM (
            SELECT v.registered_on AS d FROM victims_victim v JOIN {rows} r ON v.id = r.victim_id
            UNION ALL SELECT v.identification_date FROM victims_victim v JOIN {rows} r ON v.id = r.victim_id
        ) t""",
    ),
    # A service counts in the years it overlaps, makes the later ones "continuing", and makes
    # its victim "referred" in the year of identification (any date).
    "services_serviceepisode": (
        ["victim_id", "start_date"],
        """SELECT MIN(d) FROM (
            SELECT r.start_date AS d FROM {rows} r
            UNION ALL SELECT v.identification_date FROM victims_victim v JOIN {rows} r ON v.id = r.victim_id
        ) t""",
    ),
    # Without a return date (planned, cancelled) it counts nowhere: this year, to be safe.
    "services_repatriation": (
        ["return_date"],
        "SELECT MIN(COALESCE(r.return_date, CURRENT_DATE)) FROM {rows} r",
    ),
    "cases_case": (
        ["reported_on", "investigation_opened_on"],
        """SELECT MIN(d) FROM (
            SELECT r.reported_on AS d FROM {rows} r UNION ALL SELECT r.investigation_opened_on FROM {rows} r
        ) t""",
    ),
    "prosecutions_prosecution": (
        ["id", "filed_on"],
        """SELECT MIN(d) FROM (
            SELECT r.filed_on AS d FROM {rows} r
            UNION ALL SELECT c.verdict_date FROM prosecutions_charge c JOIN {rows} r ON c.prosecution_id = r.id
        ) t""",
    ),
    "prosecutions_charge": (
        ["prosecution_id", "verdict_date"],
        """SELECT MIN(d) FROM (
            SELECT r.verdict_date AS d FROM {rows} r
            UNION ALL SELECT p.filed_on FROM prosecutions_prosecution p JOIN {rows} r ON p.id = r.prosecution_id
        ) t""",
    ),
    "prevention_activity": (["date"], "SELECT MIN(r.date) FROM {rows} r"),
}

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION reports_touch_years() RETURNS trigger AS $$
DECLARE
    first_year integer;
    day date;
    present boolean;
BEGIN
    -- One writer at a time from here to its commit (as the data generation's trigger does), so
    -- that tokens grow in commit order.
    PERFORM 1 FROM reports_datageneration WHERE id = 1 FOR UPDATE;
    IF TG_OP = 'TRUNCATE' THEN
        first_year := 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        EXECUTE 'SELECT EXISTS (SELECT 1 FROM new_rows)' INTO present;
        IF present THEN
            EXECUTE replace(TG_ARGV[0], '{rows}', 'new_rows') INTO day;
            first_year := LEAST(first_year, COALESCE(EXTRACT(YEAR FROM day)::integer, 0));
        END IF;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        EXECUTE 'SELECT EXISTS (SELECT 1 FROM old_rows)' INTO present;
        IF present THEN
            EXECUTE replace(TG_ARGV[0], '{rows}', 'old_rows') INTO day;
            first_year := LEAST(first_year, COALESCE(EXTRACT(YEAR FROM day)::integer, 0));
        END IF;
    END IF;
    IF first_year IS NOT NULL THEN
        INSERT INTO reports_yeargeneration (year, token)
        VALUES (GREATEST(first_year, 0), nextval('reports_generation_seq'))
        ON CONFLICT (year) DO UPDATE SET token = EXCLUDED.token;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""
# SQLite: row triggers; the token grows (high bits) and is never drawn twice (random low bits).
SQLITE_TOKEN = (
    "((SELECT COALESCE(MAX(token), 0) FROM reports_yeargeneration) / 1048576 + 1) * 1048576 "
    "+ abs(random() % 1048576)"
)
EVENTS = {"insert": ["NEW"], "update": ["OLD", "NEW"], "delete": ["OLD"]}


def sqlite_statements() -> list[tuple[str, str]]:
    """(table, CREATE TRIGGER IF NOT EXISTS …) for each counted table and event."""
    statements = []
    for table, (columns, reach) in REACH.items():
        for event, which in EVENTS.items():
            reached = " UNION ALL ".join(
                f"SELECT ({reach.format(rows='(SELECT ' + ', '.join(f'{w}.{c} AS {c}' for c in columns) + ')')}) AS d"
                for w in which
            )
            year = f"COALESCE((SELECT CAST(strftime('%Y', MIN(d)) AS INTEGER) FROM ({reached})), 0)"
            statements.append(
                (
                    table,
                    f"CREATE TRIGGER IF NOT EXISTS reports_years_{table}_{event} AFTER {event.upper()} ON {table} "
                    f"BEGIN INSERT INTO reports_yeargeneration (year, token) VALUES ({year}, {SQLITE_TOKEN}) "
                    "ON CONFLICT (year) DO UPDATE SET token = excluded.token; END",
                )
            )
    return statements
