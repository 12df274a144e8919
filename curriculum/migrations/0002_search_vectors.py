"""Stored search documents with GIN indexes for catalog search (issue 15).

The columns exist on every database; the GIN indexes and the first fill only on PostgreSQL
(SQLite has neither `tsvector` nor GIN, and search there falls back to `icontains`).
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

MODELS = ("exercise", "path", "resource", "topic", "unit")


def _index(name: str):
    return django.contrib.postgres.indexes.GinIndex(
        fields=["search_vector"], name=f"{name}_search_gin"
    )


class PostgresOnly(migrations.RunPython):
    """Run the wrapped index operation only where the database is PostgreSQL."""

    def __init__(self, operation):
        self.operation = operation
        super().__init__(migrations.RunPython.noop, migrations.RunPython.noop)

    def state_forwards(self, app_label, state):
        pass  # the state is changed by SeparateDatabaseAndState's state_operations

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{self.operation.describe()} (PostgreSQL only)"


def fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from curriculum.search import search_vectors_refresh

    search_vectors_refresh(model_for=lambda name: apps.get_model("curriculum", name))


def _add_index(name: str):
    operation = migrations.AddIndex(model_name=name, index=_index(name))
    return migrations.SeparateDatabaseAndState(
        state_operations=[operation], database_operations=[PostgresOnly(operation)]
    )


class Migration(migrations.Migration):
    dependencies = [("curriculum", "0001_initial")]

    operations = [
        *[
            migrations.AddField(
                model_name=name,
                name="search_vector",
                field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
            )
            for name in MODELS
        ],
        *[_add_index(name) for name in MODELS],
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
