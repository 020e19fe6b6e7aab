from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from portal import limits, lockout, oidc
from portal.forms import LoginForm, PasswordResetForm, SetPasswordForm


class HomeView(TemplateView):
    template_name = "portal/home.html"


class AccessibilityStatementView(TemplateView):
    template_name = "portal/accessibility.html"


class PrivacyNoticeView(TemplateView):
    template_name = "portal/privacy.html"
    extra_context = {"search_stats_days": settings.SEARCH_STATS_RETENTION_DAYS}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["signup_days"] = settings.PARTICIPATION_RETENTION_DAYS
        return context


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        # Read before the session ends: a citizen who came in through ID-porten is
        # sent on to end the ID-porten session too.
        end_session_url = oidc.end_session_url(request)
        response = super().post(request, *args, **kwargs)
        if not end_session_url:
            return response
        # Not a redirect to ID-porten from this POST: the Content Security Policy's
        # form-action 'self' stops a form's redirect to another site (and must: it is
        # what keeps forms from posting elsewhere). The portal session has ended; a page
        # of our own now takes the browser on to ID-porten's end_session_endpoint.
        request.session[LOGOUT_CONTINUE_SESSION_KEY] = end_session_url
        return redirect("portal:logout_idporten")


LOGOUT_CONTINUE_SESSION_KEY = "idporten_end_session_url"


@require_safe
@never_cache
def logout_idporten(request):
    """After the portal's log-out: on to ID-porten to end the ID-porten session too (a
    refresh of 0 seconds, with a link for browsers that do not follow it)."""
    end_session_url = request.session.pop(LOGOUT_CONTINUE_SESSION_KEY, None)
    if not end_session_url:
        return redirect("portal:home")
    return render(
        request, "registration/logout_idporten.html", {"end_session_url": end_session_url}
    )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    success_url = reverse_lazy("portal:password_reset_done")

    def form_valid(self, form):
        # Each valid request sends an e-mail: limited per address (portal.limits).
        refused = limits.limited(
            self.request, "password_reset", setting="RATELIMIT_PASSWORD_RESETS_PER_HOUR"
        )
        return refused or super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("portal:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The lock-out page offers this way out of a locked account (portal.lockout).
        lockout.clear_failures(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
