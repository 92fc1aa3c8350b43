from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from .models import Contribution, Subscription, forget_supporters


@receiver(email_confirmed)
def link_earlier_support(request, email_address, **kwargs):
    """Contributions made anonymously with this address now belong to the account that proved it owns it."""
    user = email_address.user
    for model in (Contribution, Subscription):
        model.objects.filter(supporter=None, email__iexact=email_address.email).update(supporter=user)
    forget_supporters()
