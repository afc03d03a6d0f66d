#!/usr/bin/env bash
# The benchmark in one command: a real KRaft broker, the real Apicurio registry, the real hub (packaged jar) and a
# raw kafka-clients relay as the baseline, driven with the same partner traffic at fixed rates and at saturation.
# Writes ops/target/benchmark/report.md and report.json. Needs only Java 17 and Maven.
#   ops/benchmark.sh [--no-build] [--phase-seconds 30] [--rates 500,1000,2000] [--saturation-messages 50000] ...
#   (--help for all options; --saturation-messages 1000000 for the long run; --hubs 2 for two hubs
#   side by side on the decide topology, RSS and CPU reported per hub)
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
help=false
args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=false ;;
    -h|--help) help=true; args+=("$a") ;;
    *) args+=("$a") ;;
  esac
done
if [[ "$help" == true && -f ops/target/classpath.txt ]]; then
  build=false # nothing to run but the usage text
fi
if [[ "$build" == true ]]; then
  command -v mvn >/dev/null || { echo "[bench] Maven (mvn) is needed to build; or pass --no-build after a build" >&2; exit 1; }
  echo "[bench] building: mvn -B -q install -DskipTests (skip with --no-build) ..."
  mvn -B -q install -DskipTests
fi
if [[ ! -f ops/target/classpath.txt || ! -d ops/target/classes ]]; then
  echo "[bench] ops/target/classpath.txt is missing: build first (run without --no-build)" >&2
  exit 1
fi
# exec: Ctrl-C reaches the JVM, whose shutdown hook stops the hub, the registry and the broker
exec java -Xmx1g -XX:+UseParallelGC \
  -cp "ops/target/classes:$(cat ops/target/classpath.txt)" \
  -Dlog4j.configuration=file:ops/src/main/resources/log4j.properties \
  nl.iwa.hub.ops.bench.Benchmark ${args[@]+"${args[@]}"}
