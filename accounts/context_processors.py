from django.conf import settings


def sso(request) -> dict:
    """Whether single sign-on is configured, so the sign-in page shows its button."""
    return {"sso_enabled": settings.SSO_ENABLED}
