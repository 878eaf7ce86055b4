"""The ceiling: a bare Flask app on the same database — a JSON hello and one indexed SELECT
of 50 rows serialised to JSON. ``gunicorn benchmarks.ceiling:app``."""

import os

from flask import Flask, jsonify
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine(os.environ["ELEARN_DATABASE_URL"], pool_pre_ping=True)


@app.get("/hello")
def hello():
    return jsonify(hello="world")


@app.get("/rows")
def rows():
    with engine.connect() as conn:
        result = conn.execute(text(
            "SELECT id, email, name, country_code, gender FROM users ORDER BY id LIMIT 50"))
        return jsonify([dict(row._mapping) for row in result])
