"""The floor: one year's figures by the best SQL written by hand, run through psycopg.

Four statements on one connection: the single numbers, the bodies by type (started and
active, and so municipal coverage, in one pass over the participations), the sectors and the
new partners. The benchmark checks that they give the same figures as
lup.reporting.figures.annual_figures, then times them.
"""

from typing import Any

SCALARS = """
SELECT
  (SELECT count(*) FROM procurements_procurement
    WHERE started_on BETWEEN %(first)s AND %(last)s),
  (SELECT count(*) FROM procurements_procurement
    WHERE started_on <= %(last)s AND (ended_on IS NULL OR ended_on >= %(first)s)),
  o.activities, o.participants, o.webinars, o.registrants,
  (SELECT count(*) FROM outreach_publication WHERE published_on BETWEEN %(first)s AND %(last)s),
  (SELECT count(*) FROM procurements_solution WHERE published_on BETWEEN %(first)s AND %(last)s),
  (SELECT count(DISTINCT body_id) FROM partners_partnership
    WHERE started_on <= %(last)s AND (ended_on IS NULL OR ended_on >= %(last)s)),
  (SELECT count(*) FROM partners_municipality
    WHERE valid_from <= %(last)s AND (valid_to IS NULL OR valid_to >= %(last)s))
FROM (
  SELECT count(*) AS activities, coalesce(sum(a.participants), 0) AS participants,
         count(*) FILTER (WHERE a.kind_id = k.id) AS webinars,
         coalesce(sum(a.registrants) FILTER (WHERE a.kind_id = k.id), 0) AS registrants
  FROM outreach_outreachactivity a
  LEFT JOIN outreach_activitykind k ON k.code = 'webinar'
  WHERE a.date BETWEEN %(first)s AND %(last)s
) o
"""

BODIES = """
SELECT b.body_type, count(*) FILTER (WHERE x.in_started), count(*)
FROM (
  SELECT p.body_id, bool_or(r.started_on >= %(first)s) AS in_started
  FROM procurements_participation p
  JOIN procurements_procurement r ON r.id = p.procurement_id
  WHERE r.started_on <= %(last)s AND (r.ended_on IS NULL OR r.ended_on >= %(first)s)
    AND (p.joined_on IS NULL OR p.joined_on <= %(last)s)
    AND (p.left_on IS NULL OR p.left_on >= %(first)s)
  GROUP BY p.body_id
) x
JOIN partners_publicbody b ON b.id = x.body_id
GROUP BY b.body_type
"""

SECTORS = """
SELECT s.id, s.name,
  (SELECT count(*) FROM procurements_procurement r
    WHERE r.sector_id = s.id AND r.started_on BETWEEN %(first)s AND %(last)s)
FROM procurements_sector s
"""

NEW_PARTNERS = """
SELECT b.id, b.name FROM partners_publicbody b
WHERE b.id IN (
  SELECT p.body_id FROM partners_partnership p
  WHERE p.started_on BETWEEN %(first)s AND %(last)s
    AND NOT EXISTS (
      SELECT 1 FROM partners_partnership q
      WHERE q.body_id = p.body_id AND q.started_on < p.started_on
        AND (q.ended_on IS NULL OR q.ended_on >= p.started_on - 1)
    )
)
"""

TYPES = ("state", "county", "municipal", "other")


def floor_figures(cursor, year: int) -> dict[str, Any]:
    """The figures of `year` from the four statements, in registry.AnnualFigures' shape."""
    bounds = {"first": f"{year}-01-01", "last": f"{year}-12-31"}
    cursor.execute(SCALARS, bounds)
    (started, active, activities, participants, webinars, registrants, posts, solutions,
     partners, municipalities) = cursor.fetchone()  # fmt: skip
    cursor.execute(BODIES, bounds)
    in_started = dict.fromkeys(TYPES, 0)
    in_active = dict.fromkeys(TYPES, 0)
    for body_type, n_started, n_active in cursor.fetchall():
        in_started[body_type] = n_started
        in_active[body_type] = n_active
    cursor.execute(SECTORS, bounds)
    sectors = sorted(
        ({"sector": i, "name": name, "count": n} for i, name, n in cursor.fetchall()),
        key=lambda item: (-item["count"], item["name"], item["sector"]),
    )
    cursor.execute(NEW_PARTNERS, bounds)
    new = sorted(
        ({"id": i, "name": name} for i, name in cursor.fetchall()),
        key=lambda item: (item["name"], item["id"]),
    )
    involved = in_active["municipal"]
    return {
        "year": year,
        "procurements_started": started,
        "procurements_active": active,
        "bodies_in_started": {"total": sum(in_started.values()), **in_started},
        "bodies_in_active": {"total": sum(in_active.values()), **in_active},
        "started_by_sector": sectors,
        "municipal_coverage": {
            "involved": involved,
            "total": municipalities,
            "share": round(involved / municipalities, 4) if municipalities else 0.0,
        },
        "outreach_activities": activities,
        "outreach_participants": participants,
        "webinars": webinars,
        "webinar_registrants": registrants,
        "posts_published": posts,
        "solutions_published": solutions,
        "partners_total": partners,
        "partners_new": len(new),
        "new_partners": new,
    }
