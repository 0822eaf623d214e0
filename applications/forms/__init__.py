"""Forms, one module per area of work: `questions` holds the council's question pages."""
