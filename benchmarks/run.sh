#!/usr/bin/env bash
# The whole benchmark suite in one command.
#   benchmarks/run.sh            full run (about 9 minutes on 2 cores), writes docs/benchmarks.md and the SVG plot
#   benchmarks/run.sh --quick    sanity check (2 to 5 minutes, see the README), writes benchmarks/target/bench-quick/ only
#   benchmarks/run.sh --render-only [--quick]   renders the report again from the last run's results/run.json
#   --note "text" puts a note at the top of the report (not shown as part of the command).
# Other arguments go to the harness (e.g. --only raw,procmesh  --help).
# Builds what it needs first (core, services, launcher, benchmarks: mvn package, never install) unless the jar is up
# to date. Maven honours MAVEN_OPTS (e.g. -Dmaven.repo.local=...); MAVEN_ARGS (e.g. -o) is added to its command line.
# Scenario 8 needs wrk: installed here with apt-get when missing and run as root, else that scenario is skipped.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/procmesh-benchmarks.jar"
mode=full
build=auto
render_only=false
note=""
args=()
while (($#)); do
    case "$1" in
        --quick) mode=quick ;;
        --smoke) mode=smoke ;;
        --build) build=always ;;
        --no-build) build=never ;;
        --render-only) render_only=true ;;
        --note)
            [[ $# -ge 2 ]] || { echo "[bench] --note needs a text" >&2; exit 2; }
            note="$2"
            shift ;;
        *) args+=("$1") ;;
    esac
    shift
done

stale() {
    [[ ! -f "$jar" ]] && return 0
    [[ -n "$(find "$root/pom.xml" "$root/core" "$root/services" "$root/benchmarks/pom.xml" "$root/benchmarks/src" \
        "$root/launcher/pom.xml" "$root/launcher/src" -newer "$jar" -type f ! -path '*/target/*' -print -quit)" ]]
}

if [[ "$build" == always || ( "$build" == auto && stale ) ]]; then
    echo "[bench] building core, services, launcher and benchmarks (mvn package, tests skipped)"
    # shellcheck disable=SC2086 # MAVEN_ARGS is a list of options, split on purpose.
    (cd "$root" && mvn -B -q ${MAVEN_ARGS:-} -DskipTests -pl benchmarks -am package)
elif [[ ! -f "$jar" ]]; then
    echo "[bench] $jar is missing; run without --no-build" >&2
    exit 2
fi

wanted() { # wanted SCENARIO: true when --only is absent or names it
    local i
    for ((i = 0; i < ${#args[@]}; i++)); do
        if [[ "${args[$i]}" == --only ]]; then
            [[ ",${args[$((i + 1))]:-}," == *",$1,"* ]]; return
        elif [[ "${args[$i]}" == --only=* ]]; then
            [[ ",${args[$i]#--only=}," == *",$1,"* ]]; return
        fi
    done
    return 0
}

if [[ "$render_only" != true ]] && wanted gateway && ! command -v wrk >/dev/null 2>&1; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "[bench] wrk is missing (scenario 8): apt-get install -y wrk"
        if ! { DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null ||
               { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }; }; then
            echo "[bench] could not install wrk; scenario 8 (gateway) will be skipped" >&2
        fi
    else
        echo "[bench] wrk is not installed: scenario 8 (gateway) will be skipped; install it with: sudo apt-get install wrk" >&2
    fi
fi

command_line="benchmarks/run.sh"
[[ "$mode" != full ]] && command_line+=" --$mode"
if ((${#args[@]})); then command_line+=" ${args[*]}"; fi

output="$root/benchmarks/target/bench-$mode"
if [[ "$mode" == full ]]; then
    out=(--report "$root/docs/benchmarks.md" --plot "$root/docs/benchmarks-latency.svg")
else
    out=()
fi

cd "$root"
# Add-Exports / Add-Opens come from the jar's manifest; the analytics flag must be on the command line.
if [[ "$render_only" == true ]]; then
    exec java -Dchronicle.analytics.disable=true -jar "$jar" --from-results "$output" ${out[@]+"${out[@]}"}
fi
exec java -Dchronicle.analytics.disable=true -jar "$jar" --mode "$mode" --command "$command_line" \
    --note "$note" --output "$output" ${out[@]+"${out[@]}"} ${args[@]+"${args[@]}"}
