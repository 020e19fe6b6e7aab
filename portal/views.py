from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views.generic import TemplateView

from portal import oidc, ratelimit
from portal.forms import LoginForm, PasswordResetForm, SetPasswordForm


class HomeView(TemplateView):
    template_name = "portal/home.html"


class AccessibilityStatementView(TemplateView):
    template_name = "portal/accessibility.html"


class PrivacyNoticeView(TemplateView):
    template_name = "portal/privacy.html"


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
        return redirect(end_session_url) if end_session_url else response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    success_url = reverse_lazy("portal:password_reset_done")

    def form_valid(self, form):
        # Each valid request sends an e-mail: limited per address (portal.ratelimit).
        limit = ratelimit.limit_for("RATELIMIT_PASSWORD_RESETS_PER_HOUR")
        if not ratelimit.allow(self.request, "password_reset", limit=limit):
            return ratelimit.refused(self.request)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("portal:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
