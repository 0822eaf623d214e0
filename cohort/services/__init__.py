"""Writes of the cohort app, one module per area of work: `projects` (starting a council's
project), `progress` (consultants, progress updates, refined key questions, action plans),
`learning_days` and `themes`."""
