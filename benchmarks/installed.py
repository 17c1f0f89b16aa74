"""clipper as ``pip install`` leaves it: every module compiled to bytecode in advance.

``pip install .`` compiles clipper's modules as it installs them. An editable
install (``pip install -e``, as the benchmarks' instructions use) leaves that
to Python at first import, and where ``PYTHONDONTWRITEBYTECODE`` is set (it is
on the development machine) Python compiles them again at every start: 0.15 s
that no installed clipper pays, measured in ``clipper clip --from``. The
benchmarks that time clipper's commands call ``compile_clipper()`` first.
"""

from __future__ import annotations

import compileall
from pathlib import Path

import clipper


def compile_clipper() -> None:
    """Write the bytecode of every clipper module, as pip does when it installs."""
    compileall.compile_dir(Path(clipper.__file__).parent, quiet=1)
