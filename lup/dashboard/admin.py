"""The user and group admins with their permission lists in the active language (the roles
of roles.py are these groups)."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from lup.core.admin import TranslatedPermissionsMixin


class LupGroupAdmin(TranslatedPermissionsMixin, GroupAdmin):
    pass


class LupUserAdmin(TranslatedPermissionsMixin, UserAdmin):
    pass


for model, model_admin in ((Group, LupGroupAdmin), (User, LupUserAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
