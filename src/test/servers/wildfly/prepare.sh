#!/usr/bin/env bash
# Prepares the unpacked WildFly before Arquillian starts it: installs EclipseLink into WildFly's
# org.eclipse.persistence module (the report API's JPA provider), then applies configure.cli
# offline (embedded server). Every edit is idempotent, so this runs on every build.
# Usage: prepare.sh WILDFLY_HOME ECLIPSELINK_JAR
set -euo pipefail
wildfly_home=$1
eclipselink_jar=$2
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -x "$wildfly_home/bin/jboss-cli.sh" ]; then
    echo "[local_alx_report_api] no WildFly at $wildfly_home: the build unpacks it first" >&2
    exit 1
fi
# Unpacking through Maven keeps no execute bits on the other scripts the server runs.
chmod +x "$wildfly_home"/bin/*.sh
"$here/install-eclipselink.sh" "$wildfly_home" "$eclipselink_jar"
"$wildfly_home/bin/jboss-cli.sh" --file="$here/configure.cli"
