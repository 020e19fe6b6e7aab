"""PostgreSQL for the test suite, flushed with DELETE instead of TRUNCATE.

After each test that commits (browser journeys, several processes, concurrency), the
test runner empties every table. PostgreSQL's TRUNCATE gives each table new files on
disk, which costs about as much as a small test itself for the portal's 130 tables;
DELETE of the few rows a test leaves costs next to nothing. Django makes its foreign
keys DEFERRABLE INITIALLY DEFERRED, and the flush runs in one transaction, so the order
of the DELETEs does not matter. Resetting sequences or cascading to tables Django does
not know keeps PostgreSQL's own TRUNCATE."""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
