#!/usr/bin/env bash
# The one benchmark command: builds what it needs, then runs the quick mode (a few minutes) and prints tables.
#   benchmarks/run.sh                 quick mode
#   benchmarks/run.sh --long          long mode (1 GB main data set, full scaling grid, more JMH iterations)
#   benchmarks/run.sh --only micro    parts: micro,e2e,eos,tuned,backlog,scaling,pair
#   benchmarks/run.sh --only pair --pair-variants shipped,raw-bytes --pair-logs 200000
# Env: BENCH_NO_BUILD=1 skips the Maven build; BENCH_JAVA_OPTS adds JVM options (e.g. JFR); SPLUNK_SINK_JAR.
set -euo pipefail
cd "$(dirname "$0")/.."
# Builds in the reactor (no `mvn install`: ~/.m2 is shared); the class path then points at the modules' target/ jars.
# connector-source's package phase also builds the release zip the pair benchmark's worker installs.
if [ "${BENCH_NO_BUILD:-}" != "1" ] || [ ! -f benchmarks/target/classpath.txt ]; then
  mvn -B -q -pl benchmarks -am package -DskipTests dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile=target/classpath.txt
fi
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
exec java -Xms2g -Xmx2g -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} -cp "$CP" org.slsconnect.bench.BenchMain "$@"
