from django.conf import settings
from django.utils.functional import SimpleLazyObject

from portal.navigation import navigation_for


def portal(request) -> dict:
    return {
        "municipality_name": settings.MUNICIPALITY_NAME,
        "municipality_contact_email": settings.MUNICIPALITY_CONTACT_EMAIL,
        "municipality_contact_phone": settings.MUNICIPALITY_CONTACT_PHONE,
        "municipality_address": settings.MUNICIPALITY_ADDRESS,
        "idporten_enabled": settings.IDPORTEN_ENABLED,
        "main_navigation": SimpleLazyObject(lambda: navigation_for(request)),
    }
