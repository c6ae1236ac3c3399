"""LUP's own date formats per language (settings.FORMAT_MODULE_PATH); Django's are used for
anything not set here."""
