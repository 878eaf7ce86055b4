"""A space's resource library over HTTP: list, upload (a file or a link), new versions,
download (streamed, checked against its digest first), removal by a moderator."""

from __future__ import annotations

from flask import redirect, send_file
from flask_babel import lazy_gettext as _l

from ..accounts.auth import actor
from ..extensions import ProblemSchema, db
from ..timeutils import utcnow
from ..web.edge import larger_uploads
from ..web.pagination import page_of, paginate
from ..web.uploads import UploadBlueprint
from . import library
from .audience import Access
from .models import Resource
from .routes import place_of
from .schemas import (
    DownloadArgsSchema,
    ResourceArgsSchema,
    ResourceModerationSchema,
    ResourceSchema,
    ResourceUploadSchema,
    VersionSchema,
    VersionUploadSchema,
)

space_bp = UploadBlueprint("space_resources", __name__, url_prefix="/api/v1/spaces",
                     description="A space's resource library")
bp = UploadBlueprint("resources", __name__, url_prefix="/api/v1/resources",
               description="Resources: versions, downloads, removal")
def resource_place(resource_id: int) -> tuple[Access, Resource]:
    return library.resource_access(actor(), resource_id, now=utcnow())


def _with_current(resources):
    current = library.current_versions(resources)
    for resource in resources:
        resource.current = current.get(resource.id)
    return resources


@space_bp.get("/<int:space_id>/resources")
@space_bp.arguments(ResourceArgsSchema, location="query")
@space_bp.response(200, page_of(ResourceSchema))
def list_resources(args, space_id):
    """The library, latest first; filter by language, type or topic."""
    page = paginate(library.resources_query(place_of(space_id), args), args)
    _with_current(page["items"])
    return page


@space_bp.post("/<int:space_id>/resources")
@space_bp.arguments(ResourceUploadSchema, location="files")
@space_bp.response(201, ResourceSchema)
@larger_uploads("NETWORK_UPLOAD_MAX_BYTES")
def add_resource(data, space_id):
    """Add a document (multipart, checked on its content) or a link to the library."""
    resource = library.add_resource(actor(), place_of(space_id), data, data.get("file"),
                                    now=utcnow())
    db.session.commit()
    return _with_current([resource])[0]


@bp.get("/<int:resource_id>")
@bp.response(200, ResourceSchema)
def get_resource(resource_id):
    """A resource with every version, newest first."""
    _place, resource = resource_place(resource_id)
    resource.versions = library.versions_of(resource)
    resource.current = resource.versions[0] if resource.versions else None
    return resource


@bp.post("/<int:resource_id>/versions")
@bp.arguments(VersionUploadSchema, location="files")
@bp.response(201, VersionSchema)
@larger_uploads("NETWORK_UPLOAD_MAX_BYTES")
def add_version(data, resource_id):
    """A newer version (a file or a link) replaces the current one; the history stays."""
    place, resource = resource_place(resource_id)
    version = library.add_version(actor(), place, resource, data, data.get("file"),
                                  now=utcnow())
    db.session.commit()
    return version


@bp.get("/<int:resource_id>/download")
@bp.arguments(DownloadArgsSchema, location="query")
@bp.response(200, content_type="application/octet-stream", description=(
    "The file, as an attachment; a link's address answers 302 to it"))
@bp.alt_response(302, description="A link: its address")
@bp.alt_response(410, schema=ProblemSchema, description="The stored file is missing or altered")
def download(args, resource_id):
    """Download a version (the current one by default); each download is counted."""
    now = utcnow()
    _place, resource = resource_place(resource_id)
    version = library.version_of(resource, args.get("version"))
    if version.url is None and not library.intact(version):
        library.report_damage(version, now=now)
        db.session.commit()
        raise library.FileUnavailable(_l("The file of this version is missing or damaged; "
                                         "it is marked for the space's moderators to replace."))
    library.count_download(actor(), resource, version, now=now)
    db.session.commit()
    if version.url is not None:
        return redirect(version.url, 302)
    response = send_file(library.stored_path(version.sha256), mimetype=version.content_type,
                         as_attachment=True, download_name=version.filename,
                         conditional=False, etag=False, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/<int:resource_id>/moderation")
@bp.arguments(ResourceModerationSchema)
@bp.response(200, ResourceSchema)
def moderate_resource(data, resource_id):
    """Remove a resource from the library, with the reason (moderators); its files stay."""
    place, resource = resource_place(resource_id)
    library.remove_resource(actor(), place, resource, data["reason"], now=utcnow())
    db.session.commit()
    return _with_current([resource])[0]


BLUEPRINTS = (space_bp, bp)
