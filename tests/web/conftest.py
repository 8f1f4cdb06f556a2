"""A release built once from the small fixture dataset (tests/data) with the project's own
ontology and shapes, and a Flask app and test client over it."""

from __future__ import annotations

import pytest

from coopgraph.build import build_release
from coopgraph.release import open_release
from coopgraph.settings import Settings
from coopgraph.web import create_app
from tests.conftest import REPO

BASE = "https://w3id.org/coopgraph/kubrat/"


@pytest.fixture(scope="session")
def web_settings(tmp_path_factory) -> Settings:
    build_dir = tmp_path_factory.mktemp("build")
    settings = Settings(root=REPO, data_dir=REPO / "tests" / "data", build_dir=build_dir,
                        public_url="http://coopgraph.test/")
    build_release(settings)
    return settings


@pytest.fixture(scope="session")
def release(web_settings):
    return open_release(web_settings.build_dir)


@pytest.fixture
def app(web_settings, release):
    return create_app(web_settings, release)


@pytest.fixture
def client(app):
    return app.test_client()
