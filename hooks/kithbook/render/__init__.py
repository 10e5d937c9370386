"""Render stage: derived views in, Markdown pages out (no MkDocs here)."""
