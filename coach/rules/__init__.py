"""The rules: pure functions over loaded tables (metrics, evidence, follow-ups, the checker, share mode)."""
