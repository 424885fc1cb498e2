# Nothing registered on purpose: the admin site is for users and roles only (roles.md: the
# administrator sees no case data). Activities are kept through the application's views.
