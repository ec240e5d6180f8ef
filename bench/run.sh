#!/usr/bin/env bash
# Runs the benchmarks and prints their BENCH lines; docs/BENCHMARKS.md records the results.
# Needs MariaDB on 127.0.0.1:3306 (root, no password), as the tests do.
# Usage: bench/run.sh [lock] [sync <scale>...] [crash [<kills>]] [storm [<minutes>]] [report]
#        (default: lock, then sync at scales 1 and 10; crash, storm and report run only when named)
#   crash: SIGKILLs a Payara Micro node at random points 20 times, restarting it on its root directory
#   storm: three nodes, timers every minute and run-now storms on all three for 10 minutes
#   sync: ALX_BENCH_REDO_LOG_MB=<n> sizes MariaDB's redo log to n MB while it runs (default: the server's)
#   report: the report API at scale 10 plus a company of 510,000 rows: v2 snapshot, compatible
#           endpoint beside the plugin's per-call cost, eight readers during a full sync
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=target-bench
# Built clean: a resource deleted from the sources (a migration) would otherwise stay in the WAR.
mvn -q -B -Dbuild.dir="$BUILD" -DskipTests clean package dependency:build-classpath \
    -Dmdep.outputFile="$BUILD/cp.txt" -Dmdep.includeScope=test
CP="$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/cp.txt")"
RUN=(java -Dpayara.microJar="$BUILD/payara-micro.jar" -Dit.war="$BUILD/alx-report-api.war" -cp "$CP")
[ $# -gt 0 ] || set -- lock sync 1 10
while [ $# -gt 0 ]; do
  case "$1" in
    lock) "${RUN[@]}" alx.reportapi.bench.LockBenchmark; shift ;;
    sync) shift
          while [ $# -gt 0 ] && [[ "$1" =~ ^[0-9.]+$ ]]; do
            "${RUN[@]}" alx.reportapi.bench.SyncBenchmark "$1" 3; shift
          done ;;
    crash) shift
           if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then kills="$1"; shift; else kills=20; fi
           "${RUN[@]}" alx.reportapi.bench.CrashBenchmark "$kills" ;;
    storm) shift
           if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then minutes="$1"; shift; else minutes=10; fi
           "${RUN[@]}" alx.reportapi.bench.StormBenchmark "$minutes" ;;
    report) "${RUN[@]}" alx.reportapi.bench.ReportBenchmark 10 51000; shift ;;
    *) echo "unknown benchmark: $1 (known: lock, sync <scale>..., crash [<kills>], storm [<minutes>], report)" >&2; exit 2 ;;
  esac
done
