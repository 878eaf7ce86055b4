"""A space's resource library: documents and links, each with versions (the newest is
current, the older ones stay listed), a download count, and files kept outside the database.

An upload is checked on its content, never on its name: its first bytes must be those of a
kind the library takes, and of the kind it was declared as. It is streamed to a temporary
file while its size is counted and its SHA-256 computed, and kept under that digest only
when every check passed: a refused upload leaves nothing behind. A download is checked
against the digest first; a file that is missing or altered is reported, never served.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, tuple_, update

from ..accounts.models import User
from ..audit.services import record
from ..courses.texts import fold
from ..database import begin_writing
from ..errors import ElearnError, Forbidden, NotFound, RuleViolation
from ..extensions import db
from .audience import Access, get_space
from .models import Resource, ResourceDownload, ResourceVersion, State

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024
_OOXML = {"word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}
_ODF = ("application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation")
ACCEPTED = ("application/pdf", "image/png", "image/jpeg", "video/mp4", "text/plain",
            "text/csv", *_OOXML.values(), *_ODF)
# Names clients use for the same kinds.
_ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg",
            "application/x-pdf": "application/pdf", "application/csv": "text/csv"}
_UNDECLARED = ("", "application/octet-stream")


class PayloadTooLarge(ElearnError):
    status = 413
    type = "payload-too-large"
    title = _l("The upload is too large")


class UnsupportedFile(ElearnError):
    status = 415
    type = "unsupported-file-type"
    title = _l("The library does not take this kind of file")


class FileUnavailable(ElearnError):
    status = 410
    type = "file-unavailable"
    title = _l("The file is missing or damaged")


def storage_root() -> Path:
    root = current_app.config.get("NETWORK_FILES_DIR") or os.path.join(
        current_app.instance_path, "network-files")
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def stored_path(sha256: str) -> Path:
    return storage_root() / sha256[:2] / sha256


def _zip_kind(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return declared if declared in _ODF else None
            if "[Content_Types].xml" in names:
                return next((kind for prefix, kind in _OOXML.items()
                             if any(name.startswith(prefix) for name in names)), None)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError):
        return None
    return None


def _is_text(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            data = stream.read(1024 * 1024)
        if b"\x00" in data:
            return False
        # a character cut at the end of the first megabyte is not a fault
        codecs.getincrementaldecoder("utf-8")().decode(data, final=len(data) < 1024 * 1024)
        return True
    except UnicodeDecodeError:
        return False


def sniff(path: Path) -> str | None:
    """The kind the content is, of those the library takes; None for anything else."""
    with path.open("rb") as stream:
        head = stream.read(16)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if _is_text(path):
        return "text/plain"
    return None


def _same_kind(declared: str, found: str) -> bool:
    declared = _ALIASES.get(declared, declared)
    return declared == found or (found == "text/plain" and declared in ("text/csv",
                                                                        "text/plain"))


@dataclass(frozen=True)
class Stored:
    sha256: str
    size: int
    content_type: str
    filename: str


def _clean_name(name: str | None) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return "".join(char for char in base if char.isprintable())[:200] or "file"


def store(upload) -> Stored:
    """Keep an uploaded file (a werkzeug FileStorage) after checking its size and content."""
    limit = current_app.config["NETWORK_UPLOAD_MAX_BYTES"]
    root = storage_root()
    digest, size = hashlib.sha256(), 0
    handle, temporary = tempfile.mkstemp(prefix="upload-", dir=root)
    path = Path(temporary)
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := upload.stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise PayloadTooLarge(_l("Files in the library may be up to %(mb)d MB.",
                                             mb=limit // (1024 * 1024)))
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise RuleViolation(errors={"file": [_l("The file is empty.")]})
        found = sniff(path)
        if found is None:
            raise UnsupportedFile(_l("Upload a PDF, an office document, a picture (PNG or "
                                     "JPEG), an MP4 video or a text file."))
        declared = (upload.mimetype or "").lower()
        if declared not in _UNDECLARED and not _same_kind(declared, found):
            raise RuleViolation(
                _l("The file's content is not what it was declared as (%(declared)s).",
                   declared=declared), type="content-mismatch",
                errors={"file": [_l("The content is %(found)s, not %(declared)s.",
                                    found=found, declared=declared)]})
        if declared in ("text/csv", "application/csv") and found == "text/plain":
            found = "text/csv"
        sha = digest.hexdigest()
        target = stored_path(sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        return Stored(sha, size, found, _clean_name(upload.filename))
    finally:
        path.unlink(missing_ok=True)


def _version(resource: Resource, number: int, actor: User, data: dict, upload,
             now: datetime) -> ResourceVersion:
    if (upload is None) == (not data.get("url")):
        raise RuleViolation(errors={"file": [_l("Give either a file or a link.")]})
    version = ResourceVersion(resource_id=resource.id, number=number, note=data.get("note"),
                              uploaded_by_id=actor.id, created_at=now)
    if upload is not None:
        stored = store(upload)
        version.sha256, version.size = stored.sha256, stored.size
        version.content_type, version.filename = stored.content_type, stored.filename
    else:
        version.url = data["url"]
    db.session.add(version)
    return version


def _search_text(resource: Resource) -> str:
    return fold(" ".join(filter(None, (resource.title, resource.topic, resource.type))))


def add_resource(actor: User, place: Access, data: dict, upload, *,
                 now: datetime) -> Resource:
    place.require_write()
    resource = Resource(space_id=place.space.id, title=data["title"],
                        language=data["language"], type=data["type"], topic=data.get("topic"),
                        version=1, created_by_id=actor.id, created_at=now, updated_at=now)
    resource.search_text = _search_text(resource)
    db.session.add(resource)
    db.session.flush()
    _version(resource, 1, actor, data, upload, now)
    db.session.flush()
    record(actor, "resource.create", "resource", resource.id, country_code=actor.country_code,
           details={"space": place.space.id}, now=now)
    return resource


def add_version(actor: User, place: Access, resource: Resource, data: dict, upload, *,
                now: datetime) -> ResourceVersion:
    """A newer version replaces the current one; the older ones stay in its history."""
    place.require_write()
    if resource.created_by_id != actor.id and not place.moderator:
        raise Forbidden(_l("Only who added a resource, or a moderator, adds its versions."))
    number = resource.version + 1
    version = _version(resource, number, actor, data, upload, now)
    resource.version, resource.updated_at = number, now
    db.session.flush()
    record(actor, "resource.version", "resource", resource.id, country_code=actor.country_code,
           details={"space": place.space.id, "version": number}, now=now)
    return version


def remove_resource(actor: User, place: Access, resource: Resource, reason: str, *,
                    now: datetime) -> Resource:
    place.require_moderator()
    resource.state, resource.moderation_reason, resource.updated_at = (
        State.REMOVED.value, reason, now)
    db.session.flush()
    record(actor, "resource.remove", "resource", resource.id, country_code=None,
           details={"space": place.space.id, "reason": reason}, now=now)
    return resource


def resource_of(place: Access, resource_id: int) -> Resource:
    resource = db.session.get(Resource, resource_id)
    if resource is None or resource.space_id != place.space.id or (
            resource.state != State.VISIBLE and not place.moderator) or (
            place.seen_until() is not None and resource.created_at > place.seen_until()):
        raise NotFound(_l("No such resource."))
    return resource


def resource_access(actor: User, resource_id: int, *,
                    now: datetime) -> tuple[Access, Resource]:
    """A resource and the actor's access to its space (404 for what they may not see)."""
    resource = db.session.get(Resource, resource_id)
    if resource is None:
        raise NotFound(_l("No such resource."))
    place = get_space(actor, resource.space_id, now=now)
    return place, resource_of(place, resource_id)


def resources_query(place: Access, args: dict):
    """The library, latest first, filtered by language, type and topic."""
    stmt = select(Resource).where(Resource.space_id == place.space.id)
    if not place.moderator:
        stmt = stmt.where(Resource.state == State.VISIBLE)
    if place.seen_until() is not None:
        stmt = stmt.where(Resource.created_at <= place.seen_until())
    for name in ("language", "type", "topic"):
        if args.get(name):
            stmt = stmt.where(getattr(Resource, name) == args[name])
    return stmt.order_by(Resource.updated_at.desc(), Resource.id.desc())


def versions_of(resource: Resource) -> list[ResourceVersion]:
    return list(db.session.scalars(select(ResourceVersion).where(
        ResourceVersion.resource_id == resource.id).order_by(ResourceVersion.number.desc())))


def current_versions(resources) -> dict[int, ResourceVersion]:
    """The current version of each resource of a page: one statement."""
    pairs = [(resource.id, resource.version) for resource in resources]
    if not pairs:
        return {}
    rows = db.session.scalars(select(ResourceVersion).where(
        tuple_(ResourceVersion.resource_id, ResourceVersion.number).in_(pairs)))
    return {row.resource_id: row for row in rows}


def version_of(resource: Resource, number: int | None) -> ResourceVersion:
    version = db.session.scalar(select(ResourceVersion).where(
        ResourceVersion.resource_id == resource.id,
        ResourceVersion.number == (number or resource.version)))
    if version is None:
        raise NotFound(_l("No such version."))
    return version


def intact(version: ResourceVersion) -> bool:
    """Whether the stored file is there with the size and digest it was kept with."""
    path = stored_path(version.sha256)
    try:
        if path.stat().st_size != version.size:
            return False
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            while chunk := stream.read(1024 * 1024):
                digest.update(chunk)
        return digest.hexdigest() == version.sha256
    except OSError:
        return False


def report_damage(version: ResourceVersion, *, now: datetime) -> None:
    """Mark a version whose file is missing or altered, for the moderators to replace."""
    logger.error("resource %s version %s: stored file %s is missing or altered",
                 version.resource_id, version.number, version.sha256)
    begin_writing()
    version.damaged_at = now
    db.session.flush()


def count_download(actor: User, resource: Resource, version: ResourceVersion, *,
                   now: datetime) -> None:
    """One more download (a GET that writes: on SQLite the write lock is taken here)."""
    begin_writing()
    db.session.execute(update(Resource).where(Resource.id == resource.id)
                       .values(downloads=Resource.downloads + 1))
    db.session.add(ResourceDownload(resource_id=resource.id, version_id=version.id,
                                    user_id=actor.id, country_code=actor.country_code,
                                    created_at=now))
    db.session.flush()
