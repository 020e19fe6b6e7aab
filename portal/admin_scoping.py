"""The Django admin is a second door to the data the staff pages show, so it keeps to
the same rules (issue 11, finding 1). Every ``ModelAdmin`` on the site uses
``ScopedAdminMixin`` and says, in ``scope(user)``, which objects a user may touch, by
calling the one rule the pages use too (``Offer.objects.for_user``,
``User.objects.visible_to``, ...). From that one method the mixin scopes:

- the change list, and every object the admin looks up (change, delete, history,
  password): anything else is a 404, as on the pages, and says nothing about whether
  it exists;
- the object permissions (view, change, delete of that object);
- the choices of every foreign-key and many-to-many field in its forms, inlines and
  list-editable rows: a related model's choices are what that model's own admin's
  ``scope`` allows, unless the admin names another rule in ``related_scopes`` (an
  offer's locations, for instance, may also be shared ones). A related model without
  a scoped admin and without such a rule is a configuration error, not a free choice.

Inlines use ``ScopedInlineMixin``: their rows belong to the parent object, so they are
in scope when the parent is. ``tests/security/test_admin_matrix.py`` walks the site's
registry: an admin without a scope fails it, and so does one whose scope lets a role
see, change or delete what the role may not.

The admin's "view on site" redirect (``/admin/r/<content type>/<id>/``) is Django's
``shortcut``, which finds any object of any model for any member of staff: it answers
through ``view_on_site`` below instead, for objects the user may see in the admin.

Superusers are not special-cased here: each rule gives a superuser everything.
"""

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Model, QuerySet
from django.forms import ModelChoiceField
from django.forms.models import _get_foreign_key
from django.http import Http404

# field name → rule(user, obj) giving the allowed choices; obj is the object being
# changed (None when adding), or for an inline the parent object.
RelatedScopes = dict[str, Callable[..., QuerySet]]

if TYPE_CHECKING:
    # The mixins go before ModelAdmin / an inline in the bases; the type checker reads
    # them as such so that ``super()`` and ``self.model`` are known.
    _AdminBase = admin.ModelAdmin
    _InlineBase = InlineModelAdmin
else:
    _AdminBase = _InlineBase = object


def _scope_of_related(admin_site, model: type[Model], user) -> QuerySet:
    model_admin = admin_site.get_model_admin(model) if admin_site.is_registered(model) else None
    if not isinstance(model_admin, ScopedAdminMixin):
        raise ImproperlyConfigured(
            f"The choices of {model._meta.label} have no scope: register it with a "
            f"ScopedAdminMixin admin or name a rule in related_scopes."
        )
    return model_admin.scope(user)


def _queryset(field: ModelChoiceField) -> QuerySet[Any]:
    if field.queryset is None:
        raise ImproperlyConfigured(f"{field!r} has no queryset")
    return field.queryset


def scope_choices(form_class, *, request, obj, related_scopes: RelatedScopes, admin_site):
    """Narrow every model-choice field of a form class (built for this request by the
    admin) to what the user may choose. Fields are copied first: declared fields are
    shared between form classes."""
    for name, field in list(form_class.base_fields.items()):
        if not isinstance(field, ModelChoiceField):  # ModelMultipleChoiceField too
            continue
        rule = related_scopes.get(name)
        if rule is not None:
            allowed = rule(request.user, obj)
        else:
            allowed = _scope_of_related(admin_site, _queryset(field).model, request.user)
        field = copy.deepcopy(field)
        field.queryset = _queryset(field).filter(pk__in=allowed.values("pk"))
        form_class.base_fields[name] = field
    return form_class


class ScopedAdminMixin(_AdminBase):
    """Put first in a ModelAdmin's bases and define ``scope``."""

    related_scopes: RelatedScopes = {}

    def scope(self, user) -> QuerySet:
        """The objects of this admin's model that ``user`` may touch (the same rule the
        pages use). Every admin must define it."""
        raise NotImplementedError(f"{type(self).__name__} must define scope(user)")

    def get_queryset(self, request):
        in_scope = self.scope(request.user).values("pk")
        return super().get_queryset(request).filter(pk__in=in_scope)

    def in_scope(self, request, obj) -> bool:
        """Whether ``obj`` is one the user may touch (asked once per request and object)."""
        if obj is None:
            return True
        checked = request.__dict__.setdefault("_admin_scope_checked", {})
        key = (obj._meta.label, obj.pk)
        if key not in checked:
            checked[key] = self.scope(request.user).filter(pk=obj.pk).exists()
        return checked[key]

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.in_scope(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        return scope_choices(
            super().get_form(request, obj, change=change, **kwargs),
            request=request,
            obj=obj,
            related_scopes=self.related_scopes,
            admin_site=self.admin_site,
        )

    def get_changelist_form(self, request, **kwargs):
        return scope_choices(
            super().get_changelist_form(request, **kwargs),
            request=request,
            obj=None,
            related_scopes=self.related_scopes,
            admin_site=self.admin_site,
        )

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django answers an object it cannot find with a redirect and "... with ID ...
        # doesn't exist"; with the queryset scoped that would be the answer for someone
        # else's object too. Like the pages: a plain 404, the same for both.
        raise Http404


class ScopedInlineMixin(_InlineBase):
    """For inlines: rows are in scope when their parent object is (the parent admin's
    ``scope``); their model-choice fields are scoped like the parent admin's."""

    related_scopes: RelatedScopes = {}

    def _parent_admin(self) -> ScopedAdminMixin:
        parent_admin = self.admin_site.get_model_admin(self.parent_model)
        if not isinstance(parent_admin, ScopedAdminMixin):
            raise ImproperlyConfigured(
                f"{type(self).__name__} sits in an admin without a scope ({self.parent_model})"
            )
        return parent_admin

    def get_queryset(self, request):
        fk = _get_foreign_key(self.parent_model, self.model, fk_name=self.fk_name)
        parents = self._parent_admin().scope(request.user).values("pk")
        return super().get_queryset(request).filter(**{f"{fk.name}__in": parents})

    def _parent_in_scope(self, request, obj) -> bool:
        return self._parent_admin().in_scope(request, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._parent_in_scope(request, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._parent_in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_in_scope(request, obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        scope_choices(
            formset.form,
            request=request,
            obj=obj,
            related_scopes=self.related_scopes,
            admin_site=self.admin_site,
        )
        return formset


class SharedAdminMixin(ScopedAdminMixin):
    """Reference data every member of staff works with (the taxonomy, service types,
    reason paragraphs): all of it is in scope; the model permissions decide who may
    change it."""

    def scope(self, user) -> QuerySet:
        return self.model._default_manager.all()


class SuperuserOnlyAdminMixin(ScopedAdminMixin):
    """For superusers alone, whatever permissions a role is given: data about the
    system itself (task results, axes' full log) that no role's work needs."""

    def scope(self, user) -> QuerySet:
        objects = self.model._default_manager.all()
        return objects if user.is_active and user.is_superuser else objects.none()

    def has_module_permission(self, request):
        return request.user.is_superuser and super().has_module_permission(request)

    def has_add_permission(self, request, *args):
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


def view_on_site(request, content_type_id: str, object_id: str):
    """Django's "view on site" redirect, for an object the user may see in the admin;
    anything else is the same 404, whether it exists or not."""
    try:
        model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
    except (ContentType.DoesNotExist, ValueError):
        raise Http404 from None
    if model is None or not admin.site.is_registered(model):
        raise Http404
    model_admin = admin.site.get_model_admin(model)
    if not model_admin.has_view_or_change_permission(request):
        raise Http404
    try:
        visible = model_admin.get_queryset(request).filter(pk=object_id).exists()
    except (ValueError, ValidationError):
        visible = False
    if not visible:
        raise Http404
    return shortcut(request, content_type_id, object_id)


def is_scoped(model_admin) -> bool:
    """For the test that walks the registry: the admin and each of its inlines say
    which objects a user may touch."""
    if not isinstance(model_admin, ScopedAdminMixin):
        return False
    if type(model_admin).scope is ScopedAdminMixin.scope:
        return False
    return all(
        issubclass(inline, ScopedInlineMixin) and issubclass(inline, InlineModelAdmin)
        for inline in model_admin.inlines
    )
