"""The database function ``nq_fold`` on PostgreSQL: text without diacritics, in lower case,
by the table of :mod:`nghiquyet.text.search` (on SQLite the same function is registered on
each connection by :mod:`nghiquyet.orgs.search`). A change of the table needs a migration
that creates the function again."""

from django.db import migrations

from nghiquyet.text.search import FOLD_DELETE, FOLD_FROM, FOLD_TO


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    source, target = FOLD_FROM + FOLD_DELETE, FOLD_TO
    assert "'" not in source + target and "%" not in source + target
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION nq_fold(text) RETURNS text "
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
        f"AS $fold$ SELECT translate($1, '{source}', '{target}') $fold$"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS nq_fold(text)")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0003_vietnam_map")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
