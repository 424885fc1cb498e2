# Nothing registered on purpose: the admin site is for users and roles only, and the
# administrator sees no case data (roles.md). Prosecutions are kept through the application's views.
