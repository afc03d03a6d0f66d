#!/usr/bin/env bash
# Runs the local stack: a real KRaft broker, a real Apicurio registry, the hub and six demo partners with a
# live summary. Ctrl-C stops all of it. Needs only Java 17 and Maven. Options: ops/run-local.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--no-build" ]]; then
  shift
else
  echo "[stack] building (mvn -B -q install -DskipTests) ..."
  mvn -B -q install -DskipTests
fi
# exec: Ctrl-C and SIGTERM reach the JVM itself, whose shutdown hook stops every child process
exec java -Xmx512m -cp "ops/target/classes:$(cat ops/target/classpath.txt)" \
  -Dlog4j.configuration=file:ops/src/main/resources/log4j.properties \
  nl.iwa.hub.ops.stack.LocalStack "$@"
