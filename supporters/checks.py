from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def stripe_keys(app_configs, **kwargs):
    problems = []
    if not settings.STRIPE_SECRET_KEY:
        problems.append(
            checks.Warning(
                "STRIPE_SECRET_KEY is not set: articles show no appeal, and the support page says contributions are not set up yet.",
                hint="Set STRIPE_SECRET_KEY (and STRIPE_WEBHOOK_SECRET) in the environment to take contributions.",
                id="supporters.W001",
            )
        )
    elif not settings.STRIPE_WEBHOOK_SECRET:
        problems.append(
            checks.Warning(
                "STRIPE_WEBHOOK_SECRET is not set: every Stripe webhook will be rejected, so payments are not recorded.",
                hint="Copy the signing secret (whsec_...) of the webhook endpoint from the Stripe dashboard.",
                id="supporters.W002",
            )
        )
    return problems
