"""The core knows nothing of the web framework or the command line (docs: STYLE.md)."""

import subprocess
import sys
from pathlib import Path

import coopgraph

CORE = sorted(
    f"coopgraph.{path.stem}" for path in Path(coopgraph.__file__).parent.glob("*.py")
    if path.stem not in {"cli", "__main__", "__init__"}
)


def test_core_modules_import_neither_flask_nor_click():
    code = (f"import sys\nfor name in {CORE!r}:\n    __import__(name)\n"
            "print(sorted(m for m in ('flask', 'click') if m in sys.modules))")
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                            text=True).stdout
    assert output.strip() == "[]"
    assert "coopgraph.validation" in CORE
