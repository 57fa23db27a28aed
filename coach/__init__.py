"""Informational Interview Coach: the domain package (never imports streamlit)."""
