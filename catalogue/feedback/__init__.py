"""Feedback on an offer (issue 16): one-time invitations and anonymous answers.

See docs/feedback.md. The room is part of the catalogue app: its models are gathered in
catalogue/models.py, its URLs in catalogue/urls.py, its templates found through
``CATALOGUE_ROOMS`` in portal.settings."""
