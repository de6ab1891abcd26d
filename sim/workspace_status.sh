#!/bin/sh
# Bazel's workspace status (.bazelrc: --workspace_status_command): dynsim's version for
# `dynsim --version` and the stats. A source tree without git (a release tarball) still
# builds; its version is "unknown".
version=$(git describe --tags --always --dirty 2>/dev/null) || version=unknown
[ -n "$version" ] || version=unknown
echo "STABLE_DYNSIM_VERSION $version"
