"""A course package uploaded as a .zip: unpacked safely into a temporary folder, then imported.

Only `course.yaml` and `lessons/*.md` are taken (at the top of the archive or in one
folder), by names we build ourselves, so no member can write outside the temporary folder;
the number and unpacked size of the files are capped against zip bombs.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from datetime import datetime
from io import BytesIO
from pathlib import Path, PurePosixPath

from flask_babel import lazy_gettext as _l

from ...accounts.models import User
from ...accounts.permissions import require_admin
from ...errors import RuleViolation
from ..models import Course
from .folders import LESSONS, MANIFEST, PackageError
from .transfer import import_package

MAX_FILES = 500
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
LESSON_FILE = re.compile(r"^[a-z0-9-]{1,80}\.[a-z]{2}\.md$")


def _invalid(message) -> PackageError:
    return PackageError([str(message)])


def _wanted(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Package-relative name → member, for the manifest and the lesson files."""
    manifests = [info for info in archive.infolist()
                 if PurePosixPath(info.filename).name == MANIFEST
                 and len(PurePosixPath(info.filename).parts) <= 2]
    if len(manifests) != 1:
        raise _invalid(_l("The archive must hold one course.yaml, at its top or in one folder."))
    root = PurePosixPath(manifests[0].filename).parent
    wanted = {MANIFEST: manifests[0]}
    for info in archive.infolist():
        path = PurePosixPath(info.filename)
        if path.parent == root / LESSONS and LESSON_FILE.match(path.name) and not info.is_dir():
            wanted[f"{LESSONS}/{path.name}"] = info
    if len(wanted) > MAX_FILES or sum(info.file_size for info in wanted.values()) > (
            MAX_UNPACKED_BYTES):
        raise _invalid(_l("The package is too large."))
    return wanted


def _unpack(data: bytes, folder: Path) -> None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            (folder / LESSONS).mkdir()
            for name, info in _wanted(archive).items():
                with archive.open(info) as member:
                    content = member.read(MAX_UNPACKED_BYTES + 1)
                if len(content) > MAX_UNPACKED_BYTES:
                    raise _invalid(_l("The package is too large."))
                (folder / name).write_bytes(content)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError):
        raise _invalid(_l("The file is not a readable .zip archive.")) from None


def import_upload(actor: User, files: dict, *, now: datetime) -> Course:
    """Import the zipped package in `files["file"]` as a draft; see `import_package`."""
    require_admin(actor)
    upload = files["file"]
    if not hasattr(upload, "read"):
        raise RuleViolation(errors={"file": [_l("Upload the .zip file as multipart form data.")]})
    with tempfile.TemporaryDirectory(prefix="elearn-package-") as folder:
        _unpack(upload.read(), Path(folder))
        return import_package(folder, now=now, actor=actor)
