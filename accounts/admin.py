from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import lifecycle
from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["full_name", "email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        (_("Behörigheter"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Datum"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    filter_horizontal = ["groups"]
    actions = ["deactivate_accounts", "pseudonymise_accounts"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        # Unticking "aktiv" is a deactivation like any other: sessions and links end too.
        if change and "is_active" in form.changed_data and not obj.is_active:
            lifecycle.deactivate(obj, by=request.user)

    def _others(self, request, queryset):
        """Never the administrator's own account: nobody locks themselves out by mistake."""
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(request, _("Ditt eget konto hoppades över."), level=messages.WARNING)
        return queryset.exclude(pk=request.user.pk)

    @admin.action(description=_("Avaktivera valda konton (avslutar sessioner och kalenderlänkar)"))
    def deactivate_accounts(self, request, queryset):
        users = list(self._others(request, queryset).filter(is_active=True))
        for user in users:
            lifecycle.deactivate(user, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d konto avaktiverades.", "%(count)d konton avaktiverades.", len(users)
            )
            % {"count": len(users)},
            level=messages.SUCCESS,
        )

    @admin.action(description=_("Pseudonymisera valda konton (personer som slutat)"))
    def pseudonymise_accounts(self, request, queryset):
        users = list(self._others(request, queryset))
        for user in users:
            lifecycle.pseudonymise(user, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d konto pseudonymiserades.",
                "%(count)d konton pseudonymiserades.",
                len(users),
            )
            % {"count": len(users)},
            level=messages.SUCCESS,
        )
