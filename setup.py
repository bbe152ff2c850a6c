"""Builds the `charter` package's extension module with the project's CMake.

setuptools only packages: `build_ext` configures this repository with
CMake (-DCHARTER_PYTHON=ON, against the interpreter running the build),
builds the `_charter` target alone and copies the module into the package.
Metadata is in pyproject.toml.

Environment:
  CHARTER_CMAKE_BUILD_DIR  the CMake build folder (default: under build/)
  CMAKE                    the cmake executable (default: cmake on PATH)
  CMAKE_BUILD_PARALLEL_LEVEL  build jobs, as CMake reads it
"""

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def project_version():
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    found = re.search(r"project\(\s*charter\s+VERSION\s+([0-9][0-9.]*)", text)
    if not found:
        raise RuntimeError("no project(charter VERSION ...) in CMakeLists.txt")
    return found.group(1)


class CMakeExtension(Extension):
    """An extension that CMake builds: setuptools compiles no sources."""

    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = Path(os.environ.get("CHARTER_CMAKE_BUILD_DIR") or Path(self.build_temp) / "cmake").resolve()
        cmake = os.environ.get("CMAKE", "cmake")
        configure = [
            cmake,
            "-S", str(ROOT),
            "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            "-DCHARTER_PYTHON=ON",
            f"-DPython_EXECUTABLE={sys.executable}",
            "-DCHARTER_BUILD_TESTS=OFF",
            "-DCHARTER_BUILD_EXAMPLES=OFF",
            "-DCHARTER_INSTALL=OFF",
            "-DBUILD_TESTING=OFF",
        ]
        if not (build_dir / "CMakeCache.txt").exists() and shutil.which("ninja"):
            configure += ["-G", "Ninja"]
        try:
            import pybind11
        except ImportError:
            pass  # CMake looks for pybind11's package config itself
        else:
            configure.append(f"-Dpybind11_DIR={pybind11.get_cmake_dir()}")
        subprocess.run(configure, check=True)

        build = [cmake, "--build", str(build_dir), "--target", "_charter", "--config", "Release"]
        if self.parallel:
            build += ["--parallel", str(self.parallel)]
        subprocess.run(build, check=True)

        suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
        built = build_dir / "python" / "charter" / ("_charter" + suffix)
        if not built.exists():
            raise RuntimeError(f"the CMake build made no {built}")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


setup(
    version=project_version(),
    ext_modules=[CMakeExtension("charter._charter")],
    cmdclass={"build_ext": CMakeBuild},
)
