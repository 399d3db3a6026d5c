"""Full-text search over every record: the index the store keeps in step, and the queries."""
