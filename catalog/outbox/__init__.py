"""The transactional outbox: changes recorded in the same transaction as the data, drained by the
worker into search indexes, re-matching and notifications."""
