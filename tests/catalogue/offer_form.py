"""A full, valid POST of the staff offer form, for the tests that edit offers."""

from catalogue.models import Weekday


def form_data(offer, **overrides):
    """A full, valid POST for the edit form based on ``offer``'s current values."""
    location = offer.locations.first()
    data = {
        "unit": offer.unit_id,
        "title": offer.title,
        "summary": offer.summary,
        "description": offer.description,
        "suits": offer.suits,
        "categories": [c.pk for c in offer.categories.all()],
        "locations": [loc.pk for loc in offer.locations.all()],
        "participation": offer.participation,
        "cost": offer.cost,
        "contact_name": offer.contact_name,
        "contact_phone": offer.contact_phone,
        "contact_email": offer.contact_email,
        "closed_on_public_holidays": "on" if offer.closed_on_public_holidays else "",
        "periods-TOTAL_FORMS": "3",
        "periods-INITIAL_FORMS": "1",
        "periods-MIN_NUM_FORMS": "0",
        "periods-MAX_NUM_FORMS": "28",
        "periods-0-weekday": str(Weekday.TUESDAY),
        "periods-0-opens": "10:00",
        "periods-0-closes": "14:00",
        "periods-0-location": str(location.pk),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
