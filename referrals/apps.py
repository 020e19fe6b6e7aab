from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Søknader og saksbehandling")

    def ready(self) -> None:
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from django.urls import register_converter

        from catalogue.models import Offer, Unit
        from portal.models import User
        from referrals.capacity import hooks
        from referrals.cases import staff_cache
        from referrals.cases.converters import ReferenceConverter
        from referrals.cases.models import CaseworkerAssignment

        # The public free places follow the offer's places per day (the capacity room
        # keeps them current when places are given or ended).
        post_save.connect(hooks.offer_saved, sender=Offer, dispatch_uid="capacity_offer_saved")

        # The cached unit names of the staff and the consultation form's units.
        post_save.connect(staff_cache.units_changed, sender=Unit, dispatch_uid="staff_units_saved")
        post_delete.connect(
            staff_cache.units_changed, sender=Unit, dispatch_uid="staff_units_deleted"
        )
        m2m_changed.connect(
            staff_cache.user_units_changed,
            sender=User.units.through,
            dispatch_uid="staff_user_units_changed",
        )
        # The cached colleagues of the assign form.
        post_save.connect(staff_cache.people_changed, sender=User, dispatch_uid="staff_user")
        m2m_changed.connect(
            staff_cache.people_changed, sender=User.groups.through, dispatch_uid="staff_groups"
        )
        m2m_changed.connect(
            staff_cache.people_changed,
            sender=Group.permissions.through,
            dispatch_uid="staff_group_permissions",
        )
        for signal in (post_save, post_delete):
            signal.connect(
                staff_cache.people_changed,
                sender=CaseworkerAssignment,
                dispatch_uid=f"staff_assignment_{signal is post_save}",
            )

        # Before any room's URLs are loaded: they address cases as <reference:...>.
        register_converter(ReferenceConverter, "reference")
