#!/usr/bin/env bash
# The local stack in one command: a real KRaft broker, a real Apicurio registry, the hub and six demo partners
# with a live summary. Ctrl-C (or SIGTERM) stops all of it. Needs only Java 17 and Maven.
#   ops/run-local.sh [--no-build] [--duration 60] [--rate 5] [--kafka-port 9092] ...   (--help for all options)
#   ops/run-local.sh --hubs 2   two hubs side by side on the decide topology, one consumer group
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
  command -v mvn >/dev/null || { echo "[stack] Maven (mvn) is needed to build; or pass --no-build after a build" >&2; exit 1; }
  echo "[stack] building: mvn -B -q install -DskipTests (skip with --no-build) ..."
  mvn -B -q install -DskipTests
fi
if [[ ! -f ops/target/classpath.txt || ! -d ops/target/classes ]]; then
  echo "[stack] ops/target/classpath.txt is missing: build first (run without --no-build)" >&2
  exit 1
fi

# exec: the JVM replaces this shell, so Ctrl-C and SIGTERM reach it directly; its shutdown hook stops every
# child process (they run in sessions of their own, so a terminal's Ctrl-C reaches only the JVM) in order.
exec java -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -cp "ops/target/classes:$(cat ops/target/classpath.txt)" \
  -Dlog4j.configuration=file:ops/src/main/resources/log4j.properties \
  nl.iwa.hub.ops.stack.LocalStack ${args[@]+"${args[@]}"}
