"""What leaves the store: charts, labels, the report, exports and backups."""
