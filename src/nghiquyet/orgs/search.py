"""Search without diacritics: the ``fold`` lookup (``name__fold="an hoi"`` finds "Phường An
Hội") on any text field, the same on SQLite and PostgreSQL.

Both sides are folded by :mod:`nghiquyet.text.search`'s table: the query in Python, the column
by the database function ``nq_fold`` — registered on each SQLite connection here, created
on PostgreSQL by the migration ``orgs.0004_fold``.
"""

from __future__ import annotations

from django.db.backends.signals import connection_created
from django.db.models import CharField, Lookup, TextField

from nghiquyet.text.search import search_fold

FUNCTION = "nq_fold"


def _like_pattern(text: str) -> str:
    escaped = search_fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class FoldContains(Lookup):
    """The column, folded, contains the value, folded."""

    lookup_name = "fold"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [_like_pattern(str(value))])

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{FUNCTION}({lhs}) LIKE {rhs} ESCAPE '\\'", [*lhs_params, *rhs_params]


def sqlite_function_register(sender, connection, **kwargs) -> None:
    """``connection_created``: give a new SQLite connection the function ``nq_fold``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, search_fold, deterministic=True)


def register() -> None:
    CharField.register_lookup(FoldContains)
    TextField.register_lookup(FoldContains)
    connection_created.connect(sqlite_function_register, dispatch_uid="nghiquyet-nq-fold")
