"""The edition's model of the report: paragraphs, figures, glossary, targets."""
