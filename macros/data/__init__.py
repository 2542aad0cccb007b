"""Load and check the handbook's data: YAML with line numbers, schemas, a fork's local/ merge, the frozen model."""
