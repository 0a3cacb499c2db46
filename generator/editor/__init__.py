"""Editing records in the browser with Decap CMS: its configuration and its local proxy."""
