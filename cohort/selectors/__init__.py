"""The cohort app's selectors, one module per area of work."""
