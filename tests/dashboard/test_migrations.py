"""The dashboard permission moved from the former `lup` app to `dashboard` (migration 0001):
a database made before the move keeps every group's and user's grant."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lup.dashboard.roles import ADVISERS, MANAGERS

pytestmark = pytest.mark.django_db(transaction=True)

MOVE = ("dashboard", "0001_initial")


def unapply_the_move() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate([("dashboard", None)])
    executor.loader.build_graph()
    return executor


def as_before_the_move() -> Permission:
    """Make the database look like one migrated before the move: the permission hangs on the
    content type lup.dashboard, and the old app's (empty) table exists."""
    content_type = ContentType.objects.get(app_label="dashboard", model="dashboard")
    content_type.app_label = "lup"
    content_type.save()
    with connection.schema_editor() as editor:
        editor.execute("CREATE TABLE lup_dashboard (id integer PRIMARY KEY)")
    ContentType.objects.clear_cache()
    return Permission.objects.get(content_type=content_type, codename="view_dashboard")


def test_an_old_database_keeps_its_grants():
    executor = unapply_the_move()
    old = as_before_the_move()
    user = get_user_model().objects.create_user("direct", password="pw-direct-123")
    user.user_permissions.add(old)
    assert Group.objects.get(name=MANAGERS).permissions.filter(pk=old.pk).exists()

    executor.migrate([MOVE])

    moved = Permission.objects.get(pk=old.pk)
    assert (moved.content_type.app_label, moved.codename) == ("dashboard", "view_dashboard")
    for name in (MANAGERS, ADVISERS):
        assert Group.objects.get(name=name).permissions.filter(pk=moved.pk).exists(), name
    user = get_user_model().objects.get(pk=user.pk)
    assert user.has_perm("dashboard.view_dashboard")
    assert not ContentType.objects.filter(app_label="lup").exists()
    assert "lup_dashboard" not in connection.introspection.table_names()


def test_grants_move_when_both_content_types_exist():
    """An interrupted upgrade may leave both content types: the grants go to the new one."""
    executor = unapply_the_move()
    old = as_before_the_move()
    new_type = ContentType.objects.create(app_label="dashboard", model="dashboard")
    Permission.objects.create(
        content_type=new_type, codename="view_dashboard", name="Can view the manager dashboard"
    )

    executor.migrate([MOVE])

    assert not Permission.objects.filter(pk=old.pk).exists()
    for name in (MANAGERS, ADVISERS):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(
            content_type=new_type, codename="view_dashboard"
        ).exists(), name
