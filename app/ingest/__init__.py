"""Ingest: read article files and pages, clean away what is not the article, store the result."""
