"""Settings: defaults, TOML file, environment, and clear errors."""

import pytest

from coopgraph.errors import ConfigError
from coopgraph.settings import load_settings
from coopgraph.vocab import DEFAULT_BASE_IRI


def test_defaults_point_at_the_project_folders(tmp_path):
    settings = load_settings(environ={}, root=tmp_path)
    assert settings.base_iri == DEFAULT_BASE_IRI
    assert settings.data_dir == tmp_path.resolve() / "data"


def test_environment_overrides_the_file_and_options_override_both(write, tmp_path):
    config = write("coopgraph.toml", 'base_iri = "https://file.example/"\n')
    from_file = load_settings(config, environ={}, root=tmp_path)
    assert from_file.base_iri == "https://file.example/"
    from_env = load_settings(config, environ={"COOPGRAPH_BASE_IRI": "https://env.example/"},
                             root=tmp_path)
    assert from_env.base_iri == "https://env.example/"
    from_option = load_settings(config, environ={"COOPGRAPH_BASE_IRI": "https://env.example/"},
                                root=tmp_path, base_iri="https://option.example/")
    assert from_option.base_iri == "https://option.example/"


def test_unknown_setting_in_file_is_named(write, tmp_path):
    config = write("coopgraph.toml", 'base_uri = "https://typo.example/"\n')
    with pytest.raises(ConfigError, match="base_uri"):
        load_settings(config, environ={}, root=tmp_path)


def test_invalid_toml_is_a_config_error(write, tmp_path):
    config = write("coopgraph.toml", "base_iri = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(config, environ={}, root=tmp_path)


def test_base_iri_must_end_with_a_slash(tmp_path):
    with pytest.raises(ConfigError, match="ending with '/'"):
        load_settings(environ={}, root=tmp_path, base_iri="https://example.org/kubrat")
