"""One document model, its text, markdown and HTML renderers, and output files."""
