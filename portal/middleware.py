from csp.middleware import CSPMiddleware
from django.conf import settings

STRIPE_API = "https://api.stripe.com"


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header: browser features the site never uses stay off."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with STRIPE_API_BASE allowed as a form target when it is not
    Stripe itself (a local Stripe test server, whose Checkout pages the browser is sent to).

    Read per request: tests start that server, and set the setting, while the site runs.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        base = settings.STRIPE_API_BASE.rstrip("/")
        if not report_only and base != STRIPE_API:
            parts.update = {**(parts.update or {}), "form-action": [base]}
        return parts
