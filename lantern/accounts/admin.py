from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth.models import Group

from lantern.core import audit
from lantern.core.errors import Refused

from . import services
from .models import ConsentRecord, RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    extra = 1
    fields = ["role", "granted_by", "granted_at"]
    readonly_fields = ["granted_by", "granted_at"]


class ConsentInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0
    can_delete = False
    readonly_fields = ["document", "version", "accepted_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["handle", "roles_display", "is_active", "date_joined"]
    list_filter = ["role_grants__role", "is_active"]
    search_fields = ["handle"]  # also serves autocomplete in other admins
    # Private fields (email, pathways, quiet hours) are deliberately left out of the admin.
    fields = ["handle", "pronouns", "language", "time_zone", "is_active", "date_joined"]
    readonly_fields = ["date_joined"]
    inlines = [RoleGrantInline, ConsentInline]

    @admin.display(description="roles")
    def roles_display(self, obj):
        return ", ".join(sorted(obj.roles))

    def save_formset(self, request, form, formset, change):
        if formset.model is not RoleGrant:
            return super().save_formset(request, form, formset, change)
        # Role changes go through the service so they are audited and the rules hold.
        user = form.instance
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline_form in formset.forms:
            if not inline_form.has_changed() and not inline_form.instance.pk:
                continue
            role = inline_form.cleaned_data.get("role")
            try:
                if inline_form in formset.deleted_forms and inline_form.instance.pk:
                    services.revoke_role(user, inline_form.instance.role, by=request.user)
                    formset.deleted_objects.append(inline_form.instance)
                elif not inline_form.instance.pk and role:
                    services.grant_role(user, role, by=request.user)
                    formset.new_objects.append(user.role_grants.get(role=role))
            except Refused as exc:
                messages.error(request, exc.message)


# Lantern's roles replace Django's groups; hide them so nobody manages access in two places.
admin.site.unregister(Group)

admin.site.unregister(Authenticator)
# Email addresses are private and are how a password is reset: not for browsing or editing.
admin.site.unregister(EmailAddress)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """An administrator may remove a lost authenticator so its owner can set up a new one, but
    never add or edit one: that would let them sign in as someone else."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        audit.record(request.user, "authenticator.delete", obj, subject=obj.user, type=obj.type)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
