"""PostgreSQL search support: pg_trgm, the trigger that keeps Offer.search_vector current,
and GIN indexes. Every operation is a no-op on SQLite (see catalogue/search.py)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# Weighted document in the `norwegian` configuration: titles A, summaries B, description
# and "who it suits" C, the unit's name D. All three languages go into the same vector
# so nynorsk and English searches work whatever the page language.
FORWARD_SQL = r"""
CREATE OR REPLACE FUNCTION catalogue_offer_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
      setweight(to_tsvector('norwegian', concat_ws(' ', NEW.title, NEW.title_nn, NEW.title_en)), 'A')
   || setweight(to_tsvector('norwegian', concat_ws(' ', NEW.summary, NEW.summary_nn, NEW.summary_en)), 'B')
   || setweight(to_tsvector('norwegian', concat_ws(' ', NEW.description, NEW.description_nn, NEW.description_en,
                                                   NEW.suits, NEW.suits_nn, NEW.suits_en)), 'C')
   || setweight(to_tsvector('norwegian', coalesce((SELECT u.name FROM catalogue_unit u WHERE u.id = NEW.unit_id), '')), 'D');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS catalogue_offer_search_vector_trg ON catalogue_offer;
CREATE TRIGGER catalogue_offer_search_vector_trg
  BEFORE INSERT OR UPDATE OF title, title_nn, title_en, summary, summary_nn, summary_en,
                             description, description_nn, description_en, suits, suits_nn, suits_en, unit_id
  ON catalogue_offer FOR EACH ROW EXECUTE FUNCTION catalogue_offer_search_vector();

CREATE INDEX IF NOT EXISTS catalogue_offer_search_vector_gin ON catalogue_offer USING gin (search_vector);
CREATE INDEX IF NOT EXISTS catalogue_offer_title_trgm ON catalogue_offer
  USING gin ((lower(title || ' ' || title_nn || ' ' || title_en)) gin_trgm_ops);

-- Fill the vector for rows that already exist.
UPDATE catalogue_offer SET title = title;
"""

BACKWARD_SQL = r"""
DROP INDEX IF EXISTS catalogue_offer_title_trgm;
DROP INDEX IF EXISTS catalogue_offer_search_vector_gin;
DROP TRIGGER IF EXISTS catalogue_offer_search_vector_trg ON catalogue_offer;
DROP FUNCTION IF EXISTS catalogue_offer_search_vector();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD_SQL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD_SQL)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_bokmal_names_search")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
