"""A space's library in the web app (documents and links, their versions, uploads) and its
moderation page (reported posts, members, suspensions). Downloads go to the API's address,
which a signed-in browser may use: one way to stream and check a file."""

from __future__ import annotations

import marshmallow as ma
from flask import current_app, flash, redirect, request, url_for
from flask_babel import format_decimal, gettext

from ..errors import ElearnError
from ..extensions import db
from ..i18n import LANGUAGES
from ..networks import library, moderation, spaces
from ..networks.models import ResourceType
from ..networks.schemas import ReasonSchema, ResourceFormSchema, VersionFormSchema
from ..timeutils import utcnow
from ..web.edge import larger_uploads
from ..web.pagination import paginate
from .pages import bp, form_fields, me, page_args, problems_of, reasons_of, render, signed_in
from .spaces import place, space_view


def file_size(size: int | None) -> str:
    """A file's size as people read it: 820 kB, 4.2 MB."""
    if not size:
        return ""
    if size < 1024 * 1024:
        return gettext("%(size)s kB", size=format_decimal(max(1, round(size / 1024))))
    return gettext("%(size)s MB", size=format_decimal(round(size / (1024 * 1024), 1)))


def _library_page(space_id: int, *, status: int = 200, typed=None, problems=None):
    access = place(space_id)
    filters = {name: request.args[name] for name in ("language", "type", "topic")
               if request.args.get(name)}
    page = paginate(library.resources_query(access, filters), page_args(20))
    current = library.current_versions(page["items"])
    return render("site/library.html", status=status, space=space_view(access), page=page,
                  current=current, filters=filters, languages=LANGUAGES,
                  types=[kind.value for kind in ResourceType], typed=typed or {},
                  problems=problems or {}, can_write=access.can_write, file_size=file_size,
                  limit_mb=current_app.config["NETWORK_UPLOAD_MAX_BYTES"] // (1024 * 1024))


@bp.get("/spaces/<int:space_id>/library")
@signed_in
def library_page(space_id):
    """The space's documents and links, latest first, filtered by language, type or topic."""
    return _library_page(space_id)


def _upload():
    upload = request.files.get("file")
    return upload if upload is not None and upload.filename else None


@bp.post("/spaces/<int:space_id>/library")
@signed_in
@larger_uploads("NETWORK_UPLOAD_MAX_BYTES")
def add_resource_page(space_id):
    schema = ResourceFormSchema()
    try:
        data = schema.load(form_fields(schema))
        resource = library.add_resource(me(), place(space_id), data, _upload(), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _library_page(space_id, status=getattr(error, "status", 422),
                             typed=request.form.to_dict(), problems=problems_of(error))
    db.session.commit()
    flash(gettext("Added to the library."), "done")
    return redirect(url_for("site.resource_page", resource_id=resource.id))


def _resource(resource_id: int):
    return library.resource_access(me(), resource_id, now=utcnow())


def _resource_page(resource_id: int, *, status: int = 200, problems=None):
    access, resource = _resource(resource_id)
    return render("site/resource.html", status=status, space=space_view(access),
                  resource=resource, versions=library.versions_of(resource),
                  problems=problems or {}, moderator=access.moderator, file_size=file_size,
                  can_add=access.can_write and (access.moderator
                                                or resource.created_by_id == me().id))


@bp.get("/resources/<int:resource_id>")
@signed_in
def resource_page(resource_id):
    """A resource with its versions, newest first."""
    return _resource_page(resource_id)


@bp.post("/resources/<int:resource_id>/versions")
@signed_in
@larger_uploads("NETWORK_UPLOAD_MAX_BYTES")
def add_version_page(resource_id):
    schema = VersionFormSchema()
    try:
        data = schema.load(form_fields(schema))
        access, resource = _resource(resource_id)
        library.add_version(me(), access, resource, data, _upload(), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _resource_page(resource_id, status=getattr(error, "status", 422),
                              problems=problems_of(error))
    db.session.commit()
    flash(gettext("The new version replaces the current one."), "done")
    return redirect(url_for("site.resource_page", resource_id=resource_id))


@bp.post("/resources/<int:resource_id>/remove")
@signed_in
def remove_resource_page(resource_id):
    access, resource = _resource(resource_id)
    try:
        data = ReasonSchema().load(form_fields(ReasonSchema()))
        library.remove_resource(me(), access, resource, data["reason"], now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        flash(gettext("Not done: %(reason)s", reason=" ".join(reasons_of(error))), "problem")
        return redirect(url_for("site.resource_page", resource_id=resource_id))
    db.session.commit()
    flash(gettext("Removed from the library."), "done")
    return redirect(url_for("site.library_page", space_id=access.space.id))


@bp.get("/spaces/<int:space_id>/moderation")
@signed_in
def space_moderation_page(space_id):
    """What the moderators act on: reported posts, then the members and suspensions."""
    access = place(space_id)
    access.require_moderator()
    reports = paginate(moderation.open_reports_query(access), page_args(20))
    members = paginate(spaces.members_query(access.space, now=utcnow()),
                       {"page": request.args.get("members", 1, type=int) or 1,
                        "per_page": 50})
    return render("site/space_moderation.html", space=space_view(access), reports=reports,
                  members=members)


@bp.post("/spaces/<int:space_id>/members/<int:user_id>/suspension")
@signed_in
def suspension_page(space_id, user_id):
    access = place(space_id)
    lift = request.form.get("lift") == "1"
    try:
        reason = None if lift else ReasonSchema().load(form_fields(ReasonSchema()))["reason"]
        spaces.suspend(me(), access, user_id, reason, now=utcnow(), lift=lift)
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        flash(gettext("Not done: %(reason)s", reason=" ".join(reasons_of(error))), "problem")
    else:
        db.session.commit()
        flash(gettext("The suspension is lifted.") if lift else
              gettext("The member is suspended from this space."), "done")
    return redirect(url_for("site.space_moderation_page", space_id=space_id))
