"""atip is the base package: it imports no app of the project (style.md, "Layout"). The apps
register what atip shows (home pages, panels) and the root URL configuration includes their
routes by the module's name."""

import ast
from pathlib import Path

from django.conf import settings

import atip

# The project's own apps: the packages of INSTALLED_APPS that live in the repository.
APPS = {app for app in settings.INSTALLED_APPS if (Path(settings.BASE_DIR) / app).is_dir()} - {"atip"}


def imported(path: Path) -> set[str]:
    """The top-level packages a module imports, at its top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_project_apps_are_found():
    assert {"accounts", "victims", "casework", "reports", "records"} <= APPS


def test_atip_imports_no_app():
    for path in Path(atip.__file__).parent.rglob("*.py"):
        assert not imported(path) & APPS, (str(path), imported(path) & APPS)
