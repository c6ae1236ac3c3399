"""The user, group and API-key admins, for superusers (the roles of roles.py are the groups),
with their permission lists in the active language."""

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from lup.core.admin import BoundedSearchMixin, TranslatedPermissionsMixin
from lup.core.models import ApiKey, default_api_key_expiry


class LupGroupAdmin(BoundedSearchMixin, TranslatedPermissionsMixin, GroupAdmin):
    pass


class LupUserAdmin(BoundedSearchMixin, TranslatedPermissionsMixin, UserAdmin):
    pass


for model, model_admin in ((Group, LupGroupAdmin), (User, LupUserAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)

# The library's own key model is not used: ApiKey is (it acts as a user, and may be read-only).
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


@admin.register(ApiKey)
class ApiKeyAdmin(BoundedSearchMixin, APIKeyModelAdmin):
    """API keys: created here by a superuser, the key shown once in a message, then only its
    prefix; listed with their user, scope, expiry and last use. Only superusers see them."""

    list_display = [
        "prefix",
        "name",
        "user",
        "read_only",
        "created",
        "expiry_date",
        "expired",
        "revoked",
        "last_used_at",
        "last_used_ip",
    ]
    list_filter = ["read_only", "revoked", "created"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username"]
    raw_id_fields = ["user"]
    fields = [
        "name",
        "user",
        "read_only",
        "expiry_date",
        "revoked",
        "prefix",
        "created",
        "last_used_at",
        "last_used_ip",
    ]

    @admin.display(description=_("expired"), boolean=True)
    def expired(self, obj):
        return obj.has_expired

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "created"]
        fields += ["last_used_at", "last_used_ip"]
        if obj is not None:
            # A key keeps its user and scope: make a new key for another.
            fields += ["user", "read_only"]
        return fields

    def get_changeform_initial_data(self, request):
        return {
            "expiry_date": default_api_key_expiry(),
            **super().get_changeform_initial_data(request),
        }

    def save_model(self, request, obj, form=None, change=False):
        if change:
            obj.save()
            return
        key = ApiKey.objects.assign_key(obj)
        obj.save()
        messages.warning(
            request,
            _(
                "The API key %(name)s is: %(key)s — copy it now: it is stored only as a hash "
                "and cannot be shown again. Send it as the header Authorization: Api-Key <key>."
            )
            % {"name": obj.name, "key": key},
        )

    # Users and keys are the superusers' (docs/security.md): nobody else, whatever they hold.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
