#!/usr/bin/env bash
# Benchmark: all-in-one start time (launch until /health/ready answers 200) on an empty and on an existing data
# directory, and resident memory after 30 s idle (JVM RSS; PostgreSQL as the sum of PSS over its processes, so
# shared memory is counted once). Build first: mvn -q package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-infra/app/target/sso-broker.jar}
IDLE_SECONDS=${IDLE_SECONDS:-30}
DATA=$(mktemp -d /tmp/sso-startup-XXXXXX)
HTTP_PORT=${HTTP_PORT:-18080}; ADMIN_PORT=${ADMIN_PORT:-18081}; KAFKA_PORT=${KAFKA_PORT:-19092}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

start_broker() {
  SSO_LOG_FORMAT=json /usr/bin/time -v -o "$DATA/time-$1.txt" java -jar "$JAR" --data-dir "$DATA" \
    --http-port "$HTTP_PORT" --admin-port "$ADMIN_PORT" --kafka-port "$KAFKA_PORT" > "$DATA/broker-$1.log" 2>&1 &
  TIME_PID=$!
  local began; began=$(now_ms)
  until curl -sf "http://127.0.0.1:$ADMIN_PORT/health/ready" > /dev/null; do
    kill -0 "$TIME_PID" 2> /dev/null || { echo "broker exited; see $DATA/broker-$1.log"; exit 1; }
    sleep 0.05
  done
  echo "$1 start, launch to ready: $(( $(now_ms) - began )) ms"
  JAVA_PID=$(pgrep -P "$TIME_PID" java)
}

stop_broker() {
  kill -TERM "$JAVA_PID"
  wait "$TIME_PID" || true
  echo "$1 run, peak JVM RSS (time -v): $(awk -F': ' '/Maximum resident/ {print int($2/1024)}' "$DATA/time-$1.txt") MiB"
}

postgres_pss_mib() {
  local total=0
  for pid in $(pgrep -f "postgres -D $DATA/postgres" || true) $(pgrep -P "$(pgrep -f "postgres -D $DATA/postgres" | head -1)" || true); do
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2> /dev/null || echo 0)
    total=$(( total + pss ))
  done
  echo $(( total / 1024 ))
}

start_broker first
sleep "$IDLE_SECONDS"
echo "idle after ${IDLE_SECONDS}s: JVM RSS $(( $(ps -o rss= -p "$JAVA_PID") / 1024 )) MiB, PostgreSQL PSS $(postgres_pss_mib) MiB"
stop_broker first
start_broker restart
stop_broker restart
rm -rf "$DATA"
