"""The cohort app's forms, one module per area of work."""
