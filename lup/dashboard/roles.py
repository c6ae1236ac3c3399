"""The roles as Django groups: the one place that says what each role may do.

A role is a group with exactly the permissions below: `GROUP_ACTIONS`, the actions on every
portfolio model, and `GROUP_PERMISSIONS`, further permissions by their full name
("app_label.codename"). Superusers need no group: they manage users, groups and API keys.

- managers (Ledere): view records, the dashboard and its exports, publish a year's figures;
- advisers (LUP-rådgivere): add and change portfolio records (delete only where a superuser
  grants it), the dashboard;
- API readers (API-lesere): read every record and figure through the API, with an API key.

The groups are made by the data migration dashboard.0002_roles, and kept in step with the
models after every migrate by a post_migrate handler (connected in DashboardConfig.ready):
that gives new portfolio models to the groups and restores them after a test database flush.
To extend a role, add to these tables; the next migrate applies it.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

MANAGERS = "Ledere"
ADVISERS = "LUP-rådgivere"
API_READERS = "API-lesere"
PORTFOLIO_APPS = ("partners", "procurements", "outreach")
DASHBOARD_PERMISSION = "dashboard.view_dashboard"
# Read every record and figure through the API (carried by lup.core.models.ApiKey).
API_READ_PERMISSION = "core.read_api"

# Actions on every portfolio model for each group.
GROUP_ACTIONS: dict[str, tuple[str, ...]] = {
    MANAGERS: ("view",),
    ADVISERS: ("add", "change", "view"),
    API_READERS: ("view",),
}
# Further permissions of each group, "app_label.codename": managers also publish a year's
# figures.
GROUP_PERMISSIONS: dict[str, tuple[str, ...]] = {
    MANAGERS: (DASHBOARD_PERMISSION, "publishing.publish_figures"),
    ADVISERS: (DASHBOARD_PERMISSION,),
    API_READERS: (API_READ_PERMISSION,),
}

ROLES = tuple(GROUP_ACTIONS)

# The apps whose permissions the roles name, created before the groups are set.
PERMISSION_APPS = (*PORTFOLIO_APPS, "dashboard", "core", "publishing")


def portfolio_models(apps=global_apps):
    """The concrete portfolio models (their audit-history shadows share their permissions)."""
    for label in PORTFOLIO_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                yield model


def sync_groups(apps=global_apps, using: str = "default") -> None:
    """Create the groups if missing and set exactly their permissions (idempotent)."""
    for label in PERMISSION_APPS:
        # The global app config: create_permissions skips state stubs (no models module).
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.db_manager(using).get_for_models(
        *portfolio_models(apps), for_concrete_models=False
    )
    for name in ROLES:
        codenames = [
            f"{action}_{model._meta.model_name}"
            for model in content_types
            for action in GROUP_ACTIONS.get(name, ())
        ]
        permissions = list(
            Permission.objects.using(using).filter(
                content_type__in=content_types.values(), codename__in=codenames
            )
        )
        for full_name in GROUP_PERMISSIONS.get(name, ()):
            app_label, codename = full_name.split(".")
            permissions.append(
                Permission.objects.using(using).get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions)


def sync_groups_after_migrate(sender, apps=global_apps, using="default", plan=None, **kwargs):
    # Skip a plan that unapplies everything (e.g. `migrate lup zero`): nothing to sync then.
    if plan and all(backwards for _migration, backwards in plan):
        return
    try:
        apps.get_model("dashboard", "Dashboard")
        apps.get_model("publishing", "FigurePublication")
        apps.get_model("auth", "Group")
        apps.get_model("core", "ApiKey")
    except LookupError:
        return
    sync_groups(apps, using)
