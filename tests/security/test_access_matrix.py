"""Every URL of the project, for every role plus anonymous callers, against the status the
role may get (docs/security.md). GET only: what each role may *see*; writes are refused by
the same permissions (tests/security/test_*.py and the apps' API tests).

The URLs are read from the URL resolver: a pattern that is not in the matrix below fails
`test_the_matrix_covers_every_url`, so a new page or endpoint needs its line here. Admin URLs
are described per registered model (ADMIN_MODELS) and per kind of admin page; API URLs per
endpoint (API_ENDPOINTS).
"""

import re
from collections.abc import Callable, Iterator

import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from lup.core.models import ApiKey
from lup.dashboard.records import RECORD_LISTS
from lup.publishing.services import publish
from tests.outreach.factories import OutreachActivityFactory, PublicationFactory
from tests.partners.factories import (
    CountyFactory,
    MunicipalityFactory,
    PartnershipFactory,
)
from tests.procurements.factories import (
    ParticipationFactory,
    PhaseChangeFactory,
    ProcurementFactory,
    SolutionFactory,
)
from tests.security.roles import adviser, api_reader, make_user, manager, staff_manager

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_role", "api_reader", "manager", "staff_manager", "adviser", "superuser"]
STAFF = {"staff_manager", "adviser", "superuser"}
LOGGED_IN = set(ROLES) - {"anonymous"}


def statuses(default: int, **by_role: int) -> dict[str, int]:
    return {role: by_role.get(role, default) for role in ROLES}


# --- What each role may get --------------------------------------------------------------------

EVERYONE_200 = statuses(200)
# API reads: 401 without credentials, 403 with a login but no role or view permission.
API_READ = statuses(200, anonymous=401, no_role=403)
# The links of the API root hold no records: any login.
API_ROOT = statuses(200, anonymous=401)
# Under production settings (LUP_API_DOCS_PUBLIC off, as this test sets) a login.
API_DOCS = statuses(200, anonymous=401)
# The dashboard: managers, advisers, superusers (view_dashboard); anonymous to the login page.
DASHBOARD = statuses(200, anonymous=302, no_role=403, api_reader=403)
DASHBOARD_REDIRECT = statuses(302, no_role=403, api_reader=403)
# Admin: anonymous and non-staff users go to admin's login page.
ADMIN_STAFF = {role: 200 if role in STAFF else 302 for role in ROLES}

# Who holds which permission on each registered admin model: view, add, delete (change is
# given with add in every role here). A new admin model needs its line.
PORTFOLIO = {
    "view": {"staff_manager", "adviser", "superuser"},
    "add": {"adviser", "superuser"},
    "delete": {"superuser"},
}
SUPERUSERS = {"view": {"superuser"}, "add": {"superuser"}, "delete": {"superuser"}}
ADMIN_MODELS = {
    "partners.publicbody": PORTFOLIO,
    "partners.county": PORTFOLIO,
    "partners.municipality": PORTFOLIO,
    "partners.partnership": PORTFOLIO,
    "procurements.sector": PORTFOLIO,
    "procurements.procedure": PORTFOLIO,
    "procurements.phase": PORTFOLIO,
    "procurements.procurement": PORTFOLIO,
    "procurements.participation": PORTFOLIO,
    "procurements.phasechange": PORTFOLIO,
    "procurements.solution": PORTFOLIO,
    "outreach.activitykind": PORTFOLIO,
    "outreach.outreachactivity": PORTFOLIO,
    "outreach.publication": PORTFOLIO,
    "auth.user": SUPERUSERS,
    "auth.group": SUPERUSERS,
    "core.apikey": SUPERUSERS,
    # Publications are made on the dashboard and never changed: superusers may look.
    "publishing.figurepublication": {"view": {"superuser"}, "add": set(), "delete": set()},
    # The audit log of admin and API writes: superusers read it, nobody writes it.
    "admin.logentry": {"view": {"superuser"}, "add": set(), "delete": set()},
}

# The kinds of page admin makes for each model, and the permission each needs.
ADMIN_PAGE_PERMISSION = {
    "": "view",  # the changelist
    "add/": "add",
    "<path:object_id>/history/": "view",
    "<path:object_id>/delete/": "delete",
    "<path:object_id>/change/": "view",  # read-only for those who may only view
    "<path:object_id>/": "redirect",  # to the change page
    "^([^/]+)/history/([^/]+)/$": "view",  # simple-history's form, read-only without change
    "<id>/password/": "add",  # the user admin's password form: change_user
}


def admin_model_statuses(holders: dict[str, set[str]], permission: str) -> dict[str, int]:
    if permission == "redirect":
        return dict.fromkeys(ROLES, 302)
    return {
        role: 302 if role not in STAFF else 200 if role in holders[permission] else 403
        for role in ROLES
    }


# One line per API endpoint (its route prefix); list and detail, with and without a format
# suffix, get the same statuses.
API_ENDPOINTS = {
    "counties": API_READ,
    "municipalities": API_READ,
    "partnerships": API_READ,
    "bodies": API_READ,
    "sectors": API_READ,
    "procedures": API_READ,
    "phases": API_READ,
    "procurements": API_READ,
    "participations": API_READ,
    "phase-changes": API_READ,
    "solutions": API_READ,
    "activity-kinds": API_READ,
    "outreach-activities": API_READ,
    "publications": API_READ,
}

# Every other URL: its pattern, the URL asked for, and the statuses.
OTHER_URLS: dict[str, tuple[str, dict[str, int]]] = {
    "": ("/", statuses(302)),
    "healthz": ("/healthz", EVERYONE_200),
    "favicon.ico": ("/favicon.ico", statuses(301)),
    # Changing the language is a POST; a GET only goes back.
    "i18n/setlang/": ("/i18n/setlang/", statuses(302)),
    "api/v1/": ("/api/v1/", API_ROOT),
    "api/v1/<drf_format_suffix:format>": ("/api/v1/.json", API_ROOT),
    "api/v1/stats/years/": ("/api/v1/stats/years/", API_READ),
    "api/v1/stats/years/<str:year>/": ("/api/v1/stats/years/2023/", API_READ),
    "api/v1/ocds/releases/": ("/api/v1/ocds/releases/?year=2023", API_READ),
    "api/v1/schema/": ("/api/v1/schema/", API_DOCS),
    "api/v1/docs/": ("/api/v1/docs/", API_DOCS),
    "api/v1/redoc/": ("/api/v1/redoc/", API_DOCS),
    "dashboard/": ("/dashboard/", DASHBOARD_REDIRECT),
    "dashboard/<int:year>/": ("/dashboard/2023/", DASHBOARD),
    "dashboard/<int:year>/report/": ("/dashboard/2023/report/", DASHBOARD),
    "dashboard/<int:year>/records/<slug:figure>/": ("/dashboard/2023/records/{figure}/", DASHBOARD),
    "dashboard/<int:year>/export.csv": ("/dashboard/2023/export.csv", DASHBOARD),
    "dashboard/<int:year>/export.xlsx": ("/dashboard/2023/export.xlsx", DASHBOARD),
    "dashboard/procurements/<int:pk>/": ("/dashboard/procurements/{procurement}/", DASHBOARD),
    "dashboard/bodies/<int:pk>/": ("/dashboard/bodies/{publicbody}/", DASHBOARD),
    "dashboard/partnerships/<int:pk>/": ("/dashboard/partnerships/{partnership}/", DASHBOARD),
    "dashboard/activities/<int:pk>/": ("/dashboard/activities/{outreachactivity}/", DASHBOARD),
    "dashboard/solutions/<int:pk>/": ("/dashboard/solutions/{solution}/", DASHBOARD),
    "dashboard/search/": ("/dashboard/search/?q=Journal", DASHBOARD),
    "dashboard/<int:year>/report.pdf": ("/dashboard/2023/report.pdf", DASHBOARD),
    "dashboard/<int:year>/published/": ("/dashboard/2023/published/", DASHBOARD),
    # Publishing needs publish_figures too: managers and superusers.
    "dashboard/<int:year>/publish/": (
        "/dashboard/2023/publish/",
        statuses(200, anonymous=302, no_role=403, api_reader=403, adviser=403),
    ),
    "api/v1/stats/published/": ("/api/v1/stats/published/", API_READ),
    "api/v1/stats/published/<str:year>/": ("/api/v1/stats/published/2023/", API_READ),
    "api/v1/stats/published/<str:year>/diff/": ("/api/v1/stats/published/2023/diff/", API_READ),
    # The published figures are for everyone, LUP's website included.
    "public/figures/": ("/public/figures/", EVERYONE_200),
    "public/figures/<str:year>/": ("/public/figures/2023/", EVERYONE_200),
    "public/figures/<str:year>/embed/": ("/public/figures/2023/embed/", EVERYONE_200),
    # The upload form, for staff; the import itself (a POST) needs the add and change
    # permissions of what it imports (lup/transfer/admin.py), which managers lack.
    "admin/transfer/import/": ("/admin/transfer/import/", ADMIN_STAFF),
    # The error report of the user's own last import: none here.
    "admin/transfer/import/errors.csv": (
        "/admin/transfer/import/errors.csv",
        {r: 403 if r in STAFF else 302 for r in ROLES},
    ),
    "admin/transfer/export.xlsx": ("/admin/transfer/export.xlsx", ADMIN_STAFF),
    # A logged-in user is sent on to the dashboard.
    "accounts/login/": ("/accounts/login/", statuses(302, anonymous=200)),
    # Logging out is a POST.
    "accounts/logout/": ("/accounts/logout/", statuses(405)),
    "admin/": ("/admin/", ADMIN_STAFF),
    # Staff are sent on to the index; others see the form (with a note if logged in).
    "admin/login/": ("/admin/login/", {r: 302 if r in STAFF else 200 for r in ROLES}),
    "admin/logout/": ("/admin/logout/", {r: 405 if r in STAFF else 302 for r in ROLES}),
    "admin/password_change/": ("/admin/password_change/", ADMIN_STAFF),
    "admin/password_change/done/": ("/admin/password_change/done/", ADMIN_STAFF),
    "admin/jsi18n/": ("/admin/jsi18n/", ADMIN_STAFF),
    # Without its parameters the autocomplete refuses.
    "admin/autocomplete/": ("/admin/autocomplete/", {r: 403 if r in STAFF else 302 for r in ROLES}),
    # Public bodies have no page outside admin to send the user to.
    "admin/r/<path:content_type_id>/<path:object_id>/": (
        "/admin/r/{publicbody_type}/{publicbody}/",
        {r: 404 if r in STAFF else 302 for r in ROLES},
    ),
    "admin/^(?P<app_label>admin|partners|procurements|outreach|publishing|auth|core)/$": (
        "/admin/partners/",
        ADMIN_STAFF,
    ),
    "admin/(?P<url>.*)$": ("/admin/no-such-page/", {r: 404 if r in STAFF else 302 for r in ROLES}),
}


# --- The URLs, from the resolver ---------------------------------------------------------------


def url_patterns() -> Iterator[tuple[str, str | None]]:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                assert isinstance(pattern, URLPattern)
                yield prefix + str(pattern.pattern), pattern.name

    yield from walk(get_resolver().url_patterns)


API_PATTERN = re.compile(r"^api/v1/\^(?P<prefix>[a-z-]+)(?P<rest>.*)$")
ADMIN_MODEL_PATTERN = re.compile(r"^admin/(?P<app>[a-z_]+)/(?P<model>[a-z]+)/(?P<rest>.*)$")


def matrix_entry(pattern: str, samples: dict[str, object]) -> tuple[str, dict[str, int]] | None:
    """The URL to ask for and the statuses for a resolver pattern; None if not in the matrix."""
    if pattern in OTHER_URLS:
        url, expected = OTHER_URLS[pattern]
        return url.format(**samples), expected
    api = API_PATTERN.match(pattern)
    if api:
        prefix, rest = api["prefix"], api["rest"]
        if prefix not in API_ENDPOINTS:
            return None
        model = {"phase-changes": "phasechange", "activity-kinds": "activitykind"}.get(prefix)
        detail = "(?P<pk>" in rest
        suffix = ".json" if "format" in rest else "/"
        key = model or API_SAMPLE_KEYS[prefix]
        url = f"/api/v1/{prefix}/{samples[key]}{suffix}" if detail else f"/api/v1/{prefix}{suffix}"
        return url, API_ENDPOINTS[prefix]
    found = ADMIN_MODEL_PATTERN.match(pattern)
    if found and f"{found['app']}.{found['model']}" in ADMIN_MODELS:
        label = f"{found['app']}.{found['model']}"
        rest = found["rest"]
        if rest not in ADMIN_PAGE_PERMISSION:
            return None
        pk = samples[found["model"]]
        page = rest.replace("<path:object_id>", str(pk)).replace("<id>", str(pk))
        if page.startswith("^"):  # simple-history's form of one version
            page = f"{pk}/history/{samples['history_' + found['model']]}/"
        url = f"/admin/{found['app']}/{found['model']}/{page}"
        return url, admin_model_statuses(ADMIN_MODELS[label], ADMIN_PAGE_PERMISSION[rest])
    return None


API_SAMPLE_KEYS = {
    "counties": "county",
    "municipalities": "municipality",
    "partnerships": "partnership",
    "bodies": "publicbody",
    "sectors": "sector",
    "procedures": "procedure",
    "phases": "phase",
    "procurements": "procurement",
    "participations": "participation",
    "solutions": "solution",
    "outreach-activities": "outreachactivity",
    "publications": "publication",
}


@pytest.fixture
def samples(superuser) -> dict[str, object]:
    """One record of every kind, with the ids the URLs need."""
    procurement = ProcurementFactory(title="Journal")
    ParticipationFactory(procurement=procurement, role="lead")
    participant = ParticipationFactory(procurement=procurement, role="participant")
    county = CountyFactory()
    municipality = MunicipalityFactory(county=county)
    records = {
        "procurement": procurement,
        "participation": participant,
        "publicbody": participant.body,
        "county": county,
        "municipality": municipality,
        "partnership": PartnershipFactory(),
        "sector": procurement.sector,
        "procedure": procurement.procedure,
        "phase": procurement.phase,
        "phasechange": PhaseChangeFactory(procurement=procurement),
        "solution": SolutionFactory(procurement=procurement),
        "outreachactivity": OutreachActivityFactory(),
        "publication": PublicationFactory(),
    }
    records["activitykind"] = records["outreachactivity"].kind
    result: dict[str, object] = {name: record.pk for name, record in records.items()}
    for name, record in records.items():
        if not record.history.exists():
            record.save()  # a row made before the history (seeded lookups): give it one
        result[f"history_{name}"] = record.history.order_by("history_id").first().history_id
    result["user"] = superuser.pk
    from django.contrib.auth.models import Group

    result["group"] = Group.objects.order_by("pk").first().pk
    result["apikey"] = ApiKey.objects.create_key(user=superuser, name="matrise")[0].pk
    result["publicbody_type"] = ContentType.objects.get_for_model(records["publicbody"]).pk
    result["figure"] = next(iter(RECORD_LISTS))
    result["figurepublication"] = publish(2023, user=superuser, note="Årsrapporten").pk
    result["logentry"] = LogEntry.objects.log_actions(
        user_id=superuser.pk,
        queryset=[records["procurement"]],
        action_flag=CHANGE,
        change_message="",
        single_object=True,
    ).pk
    return result


ROLE_USERS: dict[str, Callable[[], object]] = {
    "no_role": lambda: make_user("ingen"),
    "api_reader": api_reader,
    "manager": manager,
    "staff_manager": lambda: staff_manager("stabsleder"),
    "adviser": adviser,
}


def test_the_matrix_covers_every_url(samples):
    missing = [p for p, _name in url_patterns() if matrix_entry(p, samples) is None]
    assert missing == [], "add these URLs to the matrix in tests/security/test_access_matrix.py"
    registered = {f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry}
    assert registered == set(ADMIN_MODELS)


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_allowed(role, samples, superuser, settings):
    settings.LUP_API_DOCS_PUBLIC = False  # as in production
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    if role == "superuser":
        client.force_login(superuser)
    elif role != "anonymous":
        client.force_login(ROLE_USERS[role]())
    wrong = {}
    asked = 0
    for pattern, _name in url_patterns():
        url, expected = matrix_entry(pattern, samples)
        status = client.get(url).status_code
        asked += 1
        if status != expected[role]:
            wrong[url] = (status, expected[role])
    assert wrong == {}
    assert asked > 200
