"""The README documents every command and every setting (datasette's test_docs habit)."""

import dataclasses

import pytest

from coopgraph.cli import main
from coopgraph.settings import Settings
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_and_a_readme_entry(runner, name):
    result = runner.invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert main.commands[name].get_short_help_str().strip()
    assert f"coopgraph {name}" in README


def test_main_help_lists_every_command_with_its_purpose(runner):
    output = runner.invoke(main, ["--help"]).output
    for name, command in main.commands.items():
        assert name in output
        assert not command.get_short_help_str(limit=80).endswith("...")


@pytest.mark.parametrize("name", [field.name for field in dataclasses.fields(Settings)])
def test_every_setting_is_documented(name):
    assert f"| `{name}` |" in README


def test_readme_test_command_is_what_ci_runs():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in README.splitlines() if "pip install -e '.[test]'" in line)
    assert command.strip() in ci
