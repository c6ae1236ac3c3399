"""Figures in words, as the annual report says them: municipal coverage as "1 in 4
municipalities" ("1 av 4 kommuner"). Used by the dashboard and the public figures."""

from django.utils.translation import gettext as _


def coverage_in_words(share: float) -> str:
    """The share as "1 in N municipalities", N the nearest whole number to 1/share."""
    if share <= 0:
        return _("no municipalities")
    if share >= 1:
        return _("every municipality")
    n = round(1 / share)
    if n <= 1:
        return _("nearly every municipality")
    return _("1 in %(n)s municipalities") % {"n": n}
