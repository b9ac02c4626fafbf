"""The HTTP service: a thin Flask layer over `cleaner.clean` (see issue 3)."""
