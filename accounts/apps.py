from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and two-factor authentication")

    def ready(self):
        from accounts import (
            languages,  # noqa: F401  (connects the login receiver)
            panels,  # noqa: F401  (the administrator's home: requests awaiting approval)
        )
