"""Import from LinkedIn's data export: read the CSVs, plan the changes, apply them safely."""
