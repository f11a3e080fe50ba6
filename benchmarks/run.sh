#!/usr/bin/env bash
# The whole benchmark suite in one command.
#   benchmarks/run.sh            full run (about 8 minutes on 2 cores), writes docs/benchmarks.md and the SVG plot
#   benchmarks/run.sh --quick    sanity check (under a minute), writes benchmarks/target/bench-quick/ only
# Other arguments go to the harness (e.g. --only raw,procmesh  --note "text"  --help).
# Builds what it needs first (core, services, benchmarks: mvn package, never install) unless the jar is up to date.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/procmesh-benchmarks.jar"
mode=full
build=auto
args=()
for arg in "$@"; do
    case "$arg" in
        --quick) mode=quick ;;
        --smoke) mode=smoke ;;
        --build) build=always ;;
        --no-build) build=never ;;
        *) args+=("$arg") ;;
    esac
done

stale() {
    [[ ! -f "$jar" ]] && return 0
    [[ -n "$(find "$root/pom.xml" "$root/core" "$root/services" "$root/benchmarks/pom.xml" "$root/benchmarks/src" \
        -newer "$jar" -type f ! -path '*/target/*' -print -quit)" ]]
}

if [[ "$build" == always || ( "$build" == auto && stale ) ]]; then
    echo "[bench] building core, services and benchmarks (mvn package, tests skipped)"
    (cd "$root" && mvn -B -q -DskipTests -pl benchmarks -am package)
elif [[ ! -f "$jar" ]]; then
    echo "[bench] $jar is missing; run without --no-build" >&2
    exit 2
fi

command_line="benchmarks/run.sh"
[[ "$mode" != full ]] && command_line+=" --$mode"
if ((${#args[@]})); then command_line+=" ${args[*]}"; fi

if [[ "$mode" == full ]]; then
    out=(--report "$root/docs/benchmarks.md" --plot "$root/docs/benchmarks-latency.svg"
         --output "$root/benchmarks/target/bench-full")
else
    out=(--output "$root/benchmarks/target/bench-$mode")
fi

cd "$root"
# Add-Exports / Add-Opens come from the jar's manifest; the analytics flag must be on the command line.
exec java -Dchronicle.analytics.disable=true -jar "$jar" --mode "$mode" --command "$command_line" \
    "${out[@]}" ${args[@]+"${args[@]}"}
