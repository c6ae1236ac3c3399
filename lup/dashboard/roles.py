"""The two staff roles as Django groups, kept in step with the models after every migrate.

Permissions are created by django.contrib.auth in its post_migrate handler, so the groups are
synced from a post_migrate handler too (connected in DashboardConfig.ready): this also restores them
after a test database flush and gives new portfolio models to the groups automatically.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

MANAGERS = "Ledere"
ADVISERS = "LUP-rådgivere"
PORTFOLIO_APPS = ("partners", "procurements", "outreach")
DASHBOARD_PERMISSION = "dashboard.view_dashboard"

# Actions on every portfolio model for each group; both groups may view the dashboard.
GROUP_ACTIONS = {
    MANAGERS: ("view",),
    ADVISERS: ("add", "change", "view"),
}
# Permissions beyond those ("app_label.codename"): managers publish a year's figures.
GROUP_EXTRA_PERMISSIONS = {
    MANAGERS: ("publishing.publish_figures",),
    ADVISERS: (),
}


def portfolio_models(apps=global_apps):
    """The concrete portfolio models (their audit-history shadows share their permissions)."""
    for label in PORTFOLIO_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                yield model


def sync_groups(apps=global_apps, using: str = "default") -> None:
    """Create the groups if missing and set exactly their permissions (idempotent)."""
    for label in (*PORTFOLIO_APPS, "dashboard", "publishing"):
        # The global app config: create_permissions skips state stubs (no models module).
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.db_manager(using).get_for_models(
        *portfolio_models(apps), for_concrete_models=False
    )
    dashboard_app, dashboard_codename = DASHBOARD_PERMISSION.split(".")
    dashboard_permission = Permission.objects.using(using).get(
        content_type__app_label=dashboard_app, codename=dashboard_codename
    )
    for name, actions in GROUP_ACTIONS.items():
        codenames = [
            f"{action}_{model._meta.model_name}" for model in content_types for action in actions
        ]
        permissions = Permission.objects.using(using).filter(
            content_type__in=content_types.values(), codename__in=codenames
        )
        extra = [
            Permission.objects.using(using).get(
                content_type__app_label=app_label, codename=codename
            )
            for app_label, codename in (p.split(".") for p in GROUP_EXTRA_PERMISSIONS[name])
        ]
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set([dashboard_permission, *permissions, *extra])


def sync_groups_after_migrate(sender, apps=global_apps, using="default", plan=None, **kwargs):
    # Skip a plan that unapplies everything (e.g. `migrate lup zero`): nothing to sync then.
    if plan and all(backwards for _migration, backwards in plan):
        return
    try:
        apps.get_model("dashboard", "Dashboard")
        apps.get_model("publishing", "FigurePublication")
        apps.get_model("auth", "Group")
    except LookupError:
        return
    sync_groups(apps, using)
