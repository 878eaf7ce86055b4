"""The PDF certificate and the signed Open Badges credential."""

import base64
import io
import json

import pypdf
import pypdfium2
import pytest
import zxingcpp
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

CERTS = "/api/v1/certificates"


def b64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_pdf_opens_with_the_holders_name_in_each_language(client, certified, language):
    holder = certified(language=language, name="Lina Khalil")
    response = client.get(f"{CERTS}/{holder['certificate']['id']}/pdf",
                          headers=holder["headers"])
    assert response.mimetype == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.get_data()))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    assert "Lina Khalil" in page.extract_text()


def test_pdf_qr_code_opens_the_verification_page(client, certified):
    holder = certified()
    response = client.get(f"{CERTS}/{holder['certificate']['id']}/pdf",
                          headers=holder["headers"])
    image = pypdfium2.PdfDocument(response.get_data())[0].render(scale=2).to_pil()
    decoded = zxingcpp.read_barcodes(image.convert("L"))[0].text
    url, _, token = decoded.partition("#")
    assert url.endswith(f"/verify/{holder['certificate']['code'].replace('-', '')}")
    assert client.get(url.replace("http://localhost", "")).get_json()["status"] == "valid"
    payload = json.loads(b64(token.split(".")[1]))
    assert payload["n"] == "Ana Taufa"


def _verify(jwks, token):
    header_part, payload_part, signature = token.split(".")
    header = json.loads(b64(header_part))
    key = next(k for k in jwks["keys"] if k["kid"] == header["kid"])
    Ed25519PublicKey.from_public_bytes(b64(key["x"])).verify(
        b64(signature), f"{header_part}.{payload_part}".encode())
    return json.loads(b64(payload_part))


def test_credential_verifies_with_the_published_key_only(client, certified):
    holder = certified()
    answer = client.get(f"{CERTS}/{holder['certificate']['id']}/credential",
                        headers=holder["headers"]).get_json()
    jwks = client.get("/.well-known/jwks.json").get_json()
    claims = _verify(jwks, answer["jwt"])
    credential = claims["vc"]
    assert "OpenBadgeCredential" in credential["type"]
    assert credential["credentialSubject"]["name"] == "Ana Taufa"
    assert credential == answer["credential"]


def test_credential_fails_after_one_byte_changes(client, certified):
    holder = certified()
    token = client.get(f"{CERTS}/{holder['certificate']['id']}/credential",
                       headers=holder["headers"]).get_json()["jwt"]
    jwks = client.get("/.well-known/jwks.json").get_json()
    header, payload, signature = token.split(".")
    tampered = bytearray(b64(payload))
    tampered[10] ^= 1
    forged = base64.urlsafe_b64encode(bytes(tampered)).rstrip(b"=").decode()
    with pytest.raises(InvalidSignature):
        _verify(jwks, f"{header}.{forged}.{signature}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_qr_code_decodes_from_a_72_dpi_rendering_of_the_page(client, certified, language):
    holder = certified(language=language, name="Mele Fifita Tupou")
    response = client.get(f"{CERTS}/{holder['certificate']['id']}/pdf",
                          headers=holder["headers"])
    page = pypdfium2.PdfDocument(response.get_data())[0]
    rendering = page.render(scale=72 / 72).to_pil()  # PDF points are 1/72 inch: 72 dpi
    found = zxingcpp.read_barcodes(rendering.convert("L"))
    assert found, "no QR code found at 72 dpi"
    assert f"/verify/{holder['certificate']['code'].replace('-', '')}#" in found[0].text


@pytest.mark.parametrize(("gender", "verb"), [
    ("female", "أتمّت"), ("male", "أتمّ بنجاح"), ("undisclosed", "أتمّ(ت)")])
def test_the_arabic_certificate_agrees_with_the_holder(client, certified, gender, verb):
    holder = certified(language="ar", gender=gender)
    response = client.get(f"{CERTS}/{holder['certificate']['id']}/pdf",
                          headers=holder["headers"])
    text = pypdf.PdfReader(io.BytesIO(response.get_data())).pages[0].extract_text()
    assert verb in text


def test_a_latin_course_code_keeps_its_brackets_in_the_arabic_certificate(client, certified):
    holder = certified(language="ar", code="HRGM-101")
    response = client.get(f"{CERTS}/{holder['certificate']['id']}/pdf",
                          headers=holder["headers"])
    text = pypdf.PdfReader(io.BytesIO(response.get_data())).pages[0].extract_text()
    assert "(HRGM-101)" in text.replace("\u2068", "").replace("\u2069", "")
