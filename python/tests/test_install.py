# SPDX-License-Identifier: MIT
"""pip install . in a fresh venv, then import sipmsg from another directory.

This is what docs/python.md tells users to do, on a copy of the source tree
(meson-python writes a small file into the tree it builds). The extension
has libsipmsg linked in, so nothing but the package itself is installed and
the import works without LD_LIBRARY_PATH from any directory.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import source_root

TOP_LEVEL_SKIP = ("build", "_build", ".venv", ".git", ".mesonpy")


def _ignore(directory, names):
    if os.path.abspath(directory) != os.path.abspath(source_root()):
        return [n for n in names if n == "__pycache__"]
    return [n for n in names if n.startswith(TOP_LEVEL_SKIP) or n == "__pycache__"]


def _missing():
    for module, package in (("venv", "python3-venv"), ("ensurepip", "python3-venv"),
                            ("mesonpy", "python3-mesonpy")):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not importable by {sys.executable} (Debian: {package})"
    for tool in ("meson", "ninja", "swig"):
        if shutil.which(tool) is None:
            return f"{tool} is not on PATH"
    return None


def _clean_env():
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "SIPMSG_", "MESON", "PIP_", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def test_pip_install_in_a_venv_imports_from_anywhere(tmp_path):
    why = _missing()
    if why:
        pytest.skip(f"cannot build the package with pip: {why}")
    root = source_root()
    if not os.path.isfile(os.path.join(root, "pyproject.toml")):
        pytest.skip(f"no pyproject.toml in {root}")
    src = tmp_path / "src"
    shutil.copytree(root, src, ignore=_ignore, symlinks=True)
    venv = tmp_path / "venv"
    env = _clean_env()

    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, env=env)
    vpy = str(venv / "bin" / "python")
    pip = subprocess.run([vpy, "-m", "pip", "install", "--no-build-isolation", "--no-index", "--no-deps",
                          "--no-cache-dir", f"--config-settings=builddir={tmp_path / 'build'}", str(src)],
                         capture_output=True, text=True, env=env, cwd=str(tmp_path))
    assert pip.returncode == 0, pip.stdout[-3000:] + pip.stderr[-3000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = textwrap.dedent("""
        import os, sipmsg, sipmsg._capi
        msg = sipmsg.parse(b"OPTIONS sip:bob@example.com SIP/2.0\\r\\nCall-ID: 1@a\\r\\nl: 0\\r\\n\\r\\n")
        assert msg.method == "OPTIONS" and msg.header("i") == "1@a"
        assert bytes(sipmsg.Response(200, headers=[("Call-ID", "1@a")])).startswith(b"SIP/2.0 200 OK\\r\\n")
        print(os.path.dirname(sipmsg.__file__))
        print(sipmsg._capi.__file__)
    """)
    run = subprocess.run([vpy, "-c", code], capture_output=True, text=True, env=env, cwd=str(elsewhere))
    assert run.returncode == 0, run.stderr
    pkg_dir, ext = run.stdout.split()
    assert pkg_dir.startswith(str(venv)), pkg_dir
    # the package and nothing else: no libsipmsg.so, headers or pkg-config file in the venv
    installed = sorted(os.listdir(pkg_dir))
    assert {"__init__.py", "__init__.pyi", "capi.py", "capi.pyi", "py.typed", "_common.py", "_message.py",
            "_sdp.py", "_views.py"} <= set(installed)
    strays = [os.path.join(d, f) for d, _, files in os.walk(venv) for f in files
              if f.startswith("libsipmsg") or f == "sipmsg.pc" or f == "sipmsg.h"]
    assert strays == []
    if shutil.which("ldd"):
        ldd = subprocess.run(["ldd", ext], capture_output=True, text=True)
        assert "libsipmsg" not in ldd.stdout
