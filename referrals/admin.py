# Applications hold special-category personal data: they are read and changed only on
# the casework pages (issue 5), which check access and write the access log, never in
# the generic admin. The casework configuration and the read-only access log are
# registered in admin_casework.
from referrals.casework import admin as admin_casework  # noqa: F401
from referrals.volunteers import admin as admin_volunteers  # noqa: F401
