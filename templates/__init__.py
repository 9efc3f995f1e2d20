"""jinja2 templates of fahras, found through importlib.resources."""
