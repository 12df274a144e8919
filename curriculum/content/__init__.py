"""Content as files: validation and idempotent import of content/ into the database."""
