"""A staticfiles finder for single vendor files shipped inside installed Python packages.

The dashboard's charting library (plotly.js) comes with the `plotly` wheel from PyPI, so it
enters the project through pip and is served by whitenoise like any other static file.
"""

from collections.abc import Iterable, Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Literal, overload

from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import CheckMessage
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


class PrefixedStorage(FileSystemStorage):
    """A folder whose files collectstatic copies under `prefix` (as FileSystemFinder's do)."""

    def __init__(self, location: str, prefix: str) -> None:
        super().__init__(location=location)
        self.prefix = prefix


class PackageFileFinder(BaseFinder):
    def check(self, **kwargs: Any) -> list[CheckMessage]:
        return []

    @overload
    def find(self, path: str, find_all: Literal[False] = False, **kwargs: Any) -> str | None: ...

    @overload
    def find(self, path: str, find_all: Literal[True], **kwargs: Any) -> list[str]: ...

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str] | None:
        if path not in PACKAGE_FILES:
            return [] if find_all else None
        found = _package_file(*PACKAGE_FILES[path])
        if found is None:
            return [] if find_all else None
        return [str(found)] if find_all else str(found)

    def list(self, ignore_patterns: Iterable[str] | None) -> Iterator[tuple[str, PrefixedStorage]]:
        for static_path, (package, relative) in PACKAGE_FILES.items():
            found = _package_file(package, relative)
            if found is None:
                continue
            yield found.name, PrefixedStorage(str(found.parent), str(Path(static_path).parent))
