#!/usr/bin/env bash
# Applies configure.cli to the unpacked WildFly, offline (embedded server), before Arquillian
# starts it. The edits are idempotent, so this runs on every build and a changed script applies.
# Usage: prepare.sh WILDFLY_HOME
set -euo pipefail
wildfly_home=$1
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -x "$wildfly_home/bin/jboss-cli.sh" ]; then
    echo "[local_alx_report_api] no WildFly at $wildfly_home: the build unpacks it first" >&2
    exit 1
fi
# Unpacking through Maven keeps no execute bits on the other scripts the server runs.
chmod +x "$wildfly_home"/bin/*.sh
"$wildfly_home/bin/jboss-cli.sh" --file="$here/configure.cli"
