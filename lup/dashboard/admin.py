"""The user and group admins with their permission lists in the active language (the roles
of roles.py are these groups)."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from lup.core.admin import BoundedSearchMixin, TranslatedPermissionsMixin


class LupGroupAdmin(BoundedSearchMixin, TranslatedPermissionsMixin, GroupAdmin):
    pass


class LupUserAdmin(BoundedSearchMixin, TranslatedPermissionsMixin, UserAdmin):
    pass


class LupTokenAdmin(BoundedSearchMixin, TokenAdmin):
    pass


for model, model_admin in (
    (Group, LupGroupAdmin),
    (User, LupUserAdmin),
    (TokenProxy, LupTokenAdmin),
):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
