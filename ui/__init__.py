"""Streamlit glue shared by the pages: the store, caching and the sidebar."""
