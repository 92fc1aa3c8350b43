class ReadOnlyAdminMixin:
    """For records the site writes itself (payments, webhook events, the moderation log):
    staff read them in admin but never add, edit or delete them by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
