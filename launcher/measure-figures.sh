#!/usr/bin/env bash
# Measures the launcher figures reported in docs/operations.md with the packaged jar:
#   launcher/measure-figures.sh [runs (default 3)]
# Builds the jar and the test classes, then runs io.procmesh.launcher.figures.LauncherFigures.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests package -pl launcher -am >&2
jar="$root/launcher/target/procmesh-launcher.jar"
exec java -Dchronicle.analytics.disable=true -cp "$jar:$root/launcher/target/test-classes" \
    io.procmesh.launcher.figures.LauncherFigures "${1:-3}" "$jar" "$root/launcher/target/figures"
