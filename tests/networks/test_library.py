"""The resource library: uploads checked on their content, versions, downloads streamed and
checked against their digest, links, and files that went missing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.enrollments.test_progress import sql

from .conftest import SPACES

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def storage(app, tmp_path):
    app.config["NETWORK_FILES_DIR"] = str(tmp_path / "files")
    return tmp_path / "files"


@pytest.fixture
def upload(client):
    def send(space_id, headers, content=PDF, name="toolkit.pdf", mimetype="application/pdf",
             **fields):
        data = {"title": "Gender-sensitive policing toolkit", "language": "en",
                "type": "toolkit", "topic": "gender"} | fields
        if content is not None:
            data["file"] = (io.BytesIO(content), name, mimetype)
        return client.post(f"{SPACES}/{space_id}/resources", headers=headers, data=data,
                           content_type="multipart/form-data")

    return send


def _stored_files(storage: Path) -> list[Path]:
    return [p for p in storage.rglob("*") if p.is_file()] if storage.exists() else []


def test_a_member_uploads_a_pdf_and_another_downloads_it(client, make_space, as_user,
                                                        upload, storage):
    space = make_space()
    ana, josefa = as_user("trainee", country="TO"), as_user("trainee", country="FJ")
    added = upload(space["id"], ana)
    assert added.status_code == 201, added.get_json()
    resource = added.get_json()
    assert resource["current"]["content_type"] == "application/pdf"
    assert resource["current"]["size"] == len(PDF)
    got = client.get(f"/api/v1/resources/{resource['id']}/download", headers=josefa)
    assert got.status_code == 200 and got.data == PDF
    assert got.headers["Content-Type"] == "application/pdf"
    assert 'attachment; filename=toolkit.pdf' in got.headers["Content-Disposition"]
    listed = client.get(f"{SPACES}/{space['id']}/resources", headers=ana).get_json()
    assert listed["items"][0]["downloads"] == 1


def test_an_office_document_is_recognised_by_its_content(make_space, as_user, upload,
                                                         storage):
    space = make_space()
    ana = as_user("trainee", country="TO")
    added = upload(space["id"], ana, content=docx(), name="sop", mimetype=(
        "application/octet-stream"))
    assert added.status_code == 201
    assert added.get_json()["current"]["content_type"].endswith("wordprocessingml.document")


def test_content_that_is_not_its_declared_type_is_refused(make_space, as_user, upload,
                                                          storage):
    space = make_space()
    ana = as_user("trainee", country="TO")
    answer = upload(space["id"], ana, content=b"MZ\x90\x00 a program", name="toolkit.pdf")
    assert answer.status_code == 415
    renamed = upload(space["id"], ana, content=docx(), name="toolkit.pdf")
    assert renamed.status_code == 422 and renamed.get_json()["type"] == "content-mismatch"
    assert _stored_files(storage) == []


def test_a_100_mb_upload_is_refused_before_it_is_stored(client, make_space, as_user, upload,
                                                        storage):
    space = make_space()
    ana = as_user("trainee", country="TO")
    answer = upload(space["id"], ana, content=b"%PDF-" + bytes(100 * 1024 * 1024))
    assert answer.status_code == 413
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    assert _stored_files(storage) == []
    assert client.get(f"{SPACES}/{space['id']}/resources", headers=ana).get_json()["total"] == 0


def test_a_file_over_the_limit_inside_the_form_allowance_is_refused_too(app, make_space,
                                                                        as_user, upload,
                                                                        storage):
    app.config["NETWORK_UPLOAD_MAX_BYTES"] = 1024
    space = make_space()
    ana = as_user("trainee", country="TO")
    answer = upload(space["id"], ana, content=b"%PDF-" + bytes(4096))
    assert answer.status_code == 413
    assert _stored_files(storage) == []


def test_a_link_is_a_resource_too(client, make_space, as_user, upload, storage):
    space = make_space()
    ana = as_user("trainee", country="TO")
    added = upload(space["id"], ana, content=None, url="https://example.org/toolkit")
    assert added.status_code == 201
    got = client.get(f"/api/v1/resources/{added.get_json()['id']}/download", headers=ana)
    assert got.status_code == 302 and got.headers["Location"] == "https://example.org/toolkit"


def test_a_newer_version_replaces_the_current_and_keeps_the_history(client, make_space,
                                                                    as_user, upload, storage):
    space = make_space()
    ana = as_user("trainee", country="TO")
    resource = upload(space["id"], ana).get_json()
    newer = PDF.replace(b"1.4", b"1.7")
    answer = client.post(f"/api/v1/resources/{resource['id']}/versions", headers=ana,
                         data={"file": (io.BytesIO(newer), "toolkit-v2.pdf", "application/pdf"),
                               "note": "2026 edition"}, content_type="multipart/form-data")
    assert answer.status_code == 201 and answer.get_json()["number"] == 2
    detail = client.get(f"/api/v1/resources/{resource['id']}", headers=ana).get_json()
    assert [v["number"] for v in detail["versions"]] == [2, 1]
    assert client.get(f"/api/v1/resources/{resource['id']}/download",
                      headers=ana).data == newer
    assert client.get(f"/api/v1/resources/{resource['id']}/download?version=1",
                      headers=ana).data == PDF


def test_an_altered_file_is_reported_not_served(client, make_space, as_user, upload, storage):
    space = make_space()
    ana = as_user("trainee", country="TO")
    resource = upload(space["id"], ana).get_json()
    (stored,) = _stored_files(storage)
    stored.write_bytes(PDF + b"tampered")
    answer = client.get(f"/api/v1/resources/{resource['id']}/download", headers=ana)
    assert answer.status_code == 410 and answer.get_json()["type"] == "file-unavailable"
    detail = client.get(f"/api/v1/resources/{resource['id']}", headers=ana).get_json()
    assert detail["current"]["damaged"] is True


def test_a_missing_file_is_reported_not_served(client, make_space, as_user, upload, storage):
    space = make_space()
    ana = as_user("trainee", country="TO")
    resource = upload(space["id"], ana).get_json()
    for path in _stored_files(storage):
        path.unlink()
    answer = client.get(f"/api/v1/resources/{resource['id']}/download", headers=ana)
    assert answer.status_code == 410


def test_the_library_of_another_region_is_not_found(client, make_space, as_user, upload,
                                                    storage):
    space = make_space()
    resource = upload(space["id"], as_user("trainee", country="TO")).get_json()
    jordanian = as_user("trainee", country="JO")
    assert client.get(f"/api/v1/resources/{resource['id']}/download",
                      headers=jordanian).status_code == 404
    assert client.get(f"{SPACES}/{space['id']}/resources", headers=jordanian).status_code == 404


def test_a_moderator_removes_a_resource_with_a_reason(client, make_space, as_user, upload,
                                                      storage, boss):
    space = make_space()
    ana = as_user("trainee", country="TO")
    resource = upload(space["id"], ana).get_json()
    url = f"/api/v1/resources/{resource['id']}/moderation"
    assert client.post(url, headers=ana, json={"action": "remove",
                                               "reason": "x"}).status_code == 403
    assert client.post(url, headers=boss, json={"action": "remove",
                                                "reason": "Outdated SOP"}).status_code == 200
    assert client.get(f"{SPACES}/{space['id']}/resources", headers=ana).get_json()["total"] == 0


def test_a_page_of_a_large_library_costs_the_same_statements(app, client, make_space, as_user,
                                                             upload, storage, count_queries):
    from elearn.extensions import db
    from elearn.networks.models import Resource, ResourceVersion
    from elearn.timeutils import utcnow

    space = make_space()
    ana = as_user("trainee", country="TO")
    upload(space["id"], ana)
    url = f"{SPACES}/{space['id']}/resources?per_page=100"
    with count_queries() as small:
        client.get(url, headers=ana)
    with app.app_context():
        now = utcnow()
        db.session.execute(db.insert(Resource), [
            {"space_id": space["id"], "title": f"SOP {n}", "language": "en", "type": "sop",
             "version": 1, "downloads": 0, "created_at": now, "updated_at": now,
             "state": "visible", "search_text": f"sop {n}"} for n in range(1500)])
        ids = db.session.scalars(db.select(Resource.id).where(Resource.title.like("SOP %")))
        db.session.execute(db.insert(ResourceVersion), [
            {"resource_id": rid, "number": 1, "url": "https://example.org/sop",
             "created_at": now} for rid in ids])
        db.session.commit()
    with count_queries() as large:
        answer = client.get(url + "&page=7", headers=ana)
    assert len(answer.get_json()["items"]) == 100
    assert all(item["current"]["url"] for item in answer.get_json()["items"])
    assert len(large) == len(small)
    # the caller, the space and the caller's place in it, the page, its current versions
    assert len(sql(large)) == 7, sql(large)
