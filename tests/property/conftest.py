"""Hypothesis settings for the property tests, and one app over the small fixture release
for the tests that send requests (built once: hypothesis runs a test body many times)."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from coopgraph.build import build_release
from coopgraph.release import open_release
from coopgraph.settings import Settings
from coopgraph.web import create_app
from tests.conftest import REPO

# No example database in the work tree; in CI the same examples every run (a failure found
# locally is reproduced from the seed hypothesis prints).
settings.register_profile("coopgraph", database=None, deadline=None,
                          derandomize=bool(os.environ.get("CI")))
settings.load_profile("coopgraph")


@pytest.fixture(scope="session")
def property_client(tmp_path_factory):
    build_dir = tmp_path_factory.mktemp("property-build")
    app_settings = Settings(root=REPO, data_dir=REPO / "tests" / "data", build_dir=build_dir,
                            public_url="http://coopgraph.test/")
    build_release(app_settings)
    app = create_app(app_settings, open_release(build_dir))
    yield app.test_client()
    app.extensions["coopgraph"].queries.close()
