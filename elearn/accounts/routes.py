"""Sign-in, the caller, countries and users."""

from __future__ import annotations

from flask import Response, g, request, session
from flask_login import login_user, logout_user
from flask_smorest import Blueprint
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select

from ..extensions import ProblemSchema, db
from ..timeutils import utcnow
from ..web.csvfiles import CsvUploadSchema, ImportArgsSchema, uploaded_bytes
from ..web.pagination import page_of, paginate
from . import imports, invitations, services
from .auth import SESSION_TOKEN_KEY, actor
from .models import Country
from .permissions import get_user, require_admin
from .schemas import (
    CountryCreateSchema,
    CountrySchema,
    CountryUpdateSchema,
    ImportReportSchema,
    InvitationSchema,
    LoginResponseSchema,
    LoginSchema,
    MeSchema,
    PasswordSetupSchema,
    UserCreateSchema,
    UserQueryArgsSchema,
    UserSchema,
    UserUpdateSchema,
)

auth_bp = Blueprint("auth", __name__, url_prefix="/api/v1/auth",
                    description="Sign-in and sign-out")
me_bp = Blueprint("me", __name__, url_prefix="/api/v1/me", description="The signed-in user")
countries_bp = Blueprint("countries", __name__, url_prefix="/api/v1/countries",
                         description="Partner countries")
users_bp = Blueprint("users", __name__, url_prefix="/api/v1/users",
                     description="Users, scoped to the caller's country")


@auth_bp.post("/login")
@auth_bp.doc(security=[])
@auth_bp.arguments(LoginSchema)
@auth_bp.response(200, LoginResponseSchema)
def login(data):
    """Sign in: a bearer token for API clients, and a session cookie for browsers."""
    token, auth = services.sign_in(
        data["email"], data["password"], ip=request.remote_addr,
        user_agent=request.user_agent.string, now=utcnow(),
    )
    db.session.commit()
    session.clear()
    session[SESSION_TOKEN_KEY] = token
    login_user(auth.user)
    return {"token": token, "expires_at": auth.expires_at, "user": auth.user,
            "csrf_token": generate_csrf()}


@auth_bp.post("/password-setup")
@auth_bp.doc(security=[])
@auth_bp.arguments(PasswordSetupSchema)
@auth_bp.response(204)
@auth_bp.alt_response(404, schema=ProblemSchema, description="Unknown link: invalid-invitation")
@auth_bp.alt_response(409, schema=ProblemSchema, description=(
    "invitation-used, invitation-superseded or invitation-expired"))
@auth_bp.alt_response(429, schema=ProblemSchema, description=(
    "Too many invalid links from this address (Retry-After)"))
def setup_password(data):
    """Choose a password with the token of an invitation link; then sign in with it."""
    invitations.set_password(data["token"], data["password"], ip=request.remote_addr,
                             now=utcnow())
    db.session.commit()


@auth_bp.post("/logout")
@auth_bp.response(204)
def logout():
    """End this session: the token and the cookie stop working at once."""
    actor()
    services.sign_out(g.auth_session, now=utcnow())
    db.session.commit()
    logout_user()
    session.clear()


@me_bp.get("")
@me_bp.response(200, MeSchema)
def get_me():
    """The caller, with roles and country; the CSRF token rides in the X-CSRF-Token header."""
    return actor()


@me_bp.after_request
def _csrf_header(response: Response) -> Response:
    if request.method == "GET" and response.status_code == 200:
        response.headers["X-CSRF-Token"] = generate_csrf()
    return response


@countries_bp.get("")
@countries_bp.doc(security=[])
@countries_bp.response(200, CountrySchema(many=True))
def list_countries():
    """All countries (public: the sign-up and catalogue pages need them)."""
    return db.session.scalars(select(Country).order_by(Country.name))


@countries_bp.post("")
@countries_bp.arguments(CountryCreateSchema)
@countries_bp.response(201, CountrySchema)
def create_country(data):
    """Add a country (programme admins)."""
    country = services.create_country(actor(), data, now=utcnow())
    db.session.commit()
    return country


@countries_bp.patch("/<code>")
@countries_bp.arguments(CountryUpdateSchema)
@countries_bp.response(200, CountrySchema)
def update_country(data, code):
    """Change a country's name, default language, time zone, region or weekend (programme
    admins)."""
    country = services.update_country(actor(), code, data, now=utcnow())
    db.session.commit()
    return country


@users_bp.get("")
@users_bp.arguments(UserQueryArgsSchema, location="query")
@users_bp.response(200, page_of(UserSchema))
@users_bp.doc(responses={200: {"content": {"text/csv": {
    "schema": {"type": "string"},
    "example": "email,name,country,gender,...\n"}}}})
def list_users(args):
    """Users the caller may see, filtered and paginated; `format=csv` exports them all (as
    `text/csv`, the columns of the import)."""
    stmt = services.users_query(actor(), args)
    if args["format"] == "csv":
        require_admin(actor())
        text = imports.export_csv(db.session.scalars(stmt))
        return Response(text, mimetype="text/csv", headers={
            "Content-Disposition": "attachment; filename=users.csv"})
    return paginate(stmt, args)


@users_bp.post("")
@users_bp.arguments(UserCreateSchema)
@users_bp.response(201, UserSchema)
def create_user(data):
    """Create a user (admins, in their own country)."""
    user = services.create_user(actor(), data, now=utcnow())
    db.session.commit()
    return user


@users_bp.get("/<int:user_id>")
@users_bp.response(200, UserSchema)
def get_user_detail(user_id):
    """One user, if the caller may see them."""
    return get_user(actor(), user_id)


@users_bp.patch("/<int:user_id>")
@users_bp.arguments(UserUpdateSchema)
@users_bp.response(200, UserSchema)
def update_user(data, user_id):
    """Change a user; deactivating ends all their sessions."""
    user = services.update_user(actor(), get_user(actor(), user_id), data, now=utcnow(),
                                current=g.get("auth_session"))
    db.session.commit()
    return user


@users_bp.post("/<int:user_id>/invitation")
@users_bp.response(201, InvitationSchema)
@users_bp.alt_response(404, schema=ProblemSchema, description="No such user in your scope")
@users_bp.alt_response(409, schema=ProblemSchema, description=(
    "user-inactive, or password-already-set"))
def resend_invitation(user_id):
    """Invite a user again to choose a password; the previous link stops working."""
    invitation = invitations.resend_invitation(actor(), get_user(actor(), user_id),
                                               now=utcnow())
    db.session.commit()
    return invitation


@users_bp.post("/import")
@users_bp.arguments(ImportArgsSchema, location="query")
@users_bp.arguments(CsvUploadSchema, location="files")
@users_bp.response(200, ImportReportSchema)
def import_users(args, files):
    """Create or update users from CSV or .xlsx, all or nothing; `dry_run=true` writes nothing."""
    report = imports.import_users(actor(), uploaded_bytes(files), dry_run=args["dry_run"],
                                  now=utcnow())
    db.session.commit()
    return report


BLUEPRINTS = (auth_bp, me_bp, countries_bp, users_bp)
