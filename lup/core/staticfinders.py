"""A staticfiles finder for single vendor files shipped inside installed Python packages.

The dashboard's charting library (plotly.js) comes with the `plotly` wheel from PyPI, so it
enters the project through pip and is served by whitenoise like any other static file.
"""

from importlib.util import find_spec
from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

# static path -> (package, file inside the package)
PACKAGE_FILES = {
    "vendor/plotly/plotly.min.js": ("plotly", "package_data/plotly.min.js"),
}


def _package_file(package: str, relative: str) -> Path | None:
    spec = find_spec(package)
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / relative
    return path if path.is_file() else None


class PackageFileFinder(BaseFinder):
    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path not in PACKAGE_FILES:
            return [] if find_all else None
        found = _package_file(*PACKAGE_FILES[path])
        if found is None:
            return [] if find_all else None
        return [str(found)] if find_all else str(found)

    def list(self, ignore_patterns):
        for static_path, (package, relative) in PACKAGE_FILES.items():
            found = _package_file(package, relative)
            if found is None:
                continue
            prefix = str(Path(static_path).parent)
            storage = FileSystemStorage(location=str(found.parent))
            storage.prefix = prefix
            yield found.name, storage
