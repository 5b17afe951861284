"""The rule-set model, loader, schema, evaluation and explanation. Pure Python: no Qt, no reportlab."""
