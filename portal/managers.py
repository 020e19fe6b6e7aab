from typing import TYPE_CHECKING

from django.contrib.auth.base_user import BaseUserManager

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from portal.models import User  # noqa: F401  (named in the base class below)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if extra_fields.get("is_staff") is not True or extra_fields.get("is_superuser") is not True:
            raise ValueError("A superuser must have is_staff=True and is_superuser=True.")
        return self._create_user(email, password, **extra_fields)

    def visible_to(self, user: "User | AnonymousUser") -> "QuerySet[User]":
        """The accounts a user may see and choose (in the admin, and as the one who
        handled something): every account for a superuser; every account but the
        superusers' for those who manage users; otherwise only their own. No one but a
        superuser sees or changes a superuser, so no one can take over such an account."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_superuser:
            return self.all()
        if user.has_perm("portal.view_user"):
            return self.filter(is_superuser=False)
        return self.filter(pk=user.pk)

    def get_by_natural_key(self, username: str | None):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})
