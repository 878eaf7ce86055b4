"""Multipart operations whose fields and files are one schema: documented as one
`multipart/form-data` body (flask-smorest documents a `form` and a `files` argument of the
same operation as two bodies, the last one winning), and read from both parts of the form."""

from __future__ import annotations

from flask_smorest import Blueprint
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import CombinedMultiDict


class FormAndFilesParser(FlaskParser):
    """`location="files"` reads the uploaded files and the form's other fields together."""

    def load_files(self, req, schema):
        return self._makeproxy(CombinedMultiDict([req.files, req.form]), schema)


class UploadBlueprint(Blueprint):
    ARGUMENTS_PARSER = FormAndFilesParser()
