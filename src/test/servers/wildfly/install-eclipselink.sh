#!/usr/bin/env bash
# Puts EclipseLink into WildFly's org.eclipse.persistence module, which ships with only WildFly's
# integration jar: the jar as a resource root, plus the JDK modules EclipseLink uses (java.rmi,
# java.sql, java.xml, java.desktop). Idempotent. Operators run the same script once per server
# (docs/OPERATIONS.md).
# Usage: install-eclipselink.sh WILDFLY_HOME ECLIPSELINK_JAR
set -euo pipefail
wildfly_home=$1
eclipselink_jar=$2
module_dir="$wildfly_home/modules/system/layers/base/org/eclipse/persistence/main"
module_xml="$module_dir/module.xml"

if [ ! -f "$module_xml" ]; then
    echo "[local_alx_report_api] no org.eclipse.persistence module at $module_dir" >&2
    exit 1
fi
if [ ! -f "$eclipselink_jar" ]; then
    echo "[local_alx_report_api] no EclipseLink jar at $eclipselink_jar" >&2
    exit 1
fi
cp "$eclipselink_jar" "$module_dir/eclipselink.jar"
if ! grep -q 'resource-root path="eclipselink.jar"' "$module_xml"; then
    sed -i 's#<resources>#<resources>\n        <resource-root path="eclipselink.jar"/>#' "$module_xml"
fi
for jdk_module in java.rmi java.sql java.xml java.desktop; do
    if ! grep -q "<module name=\"$jdk_module\"/>" "$module_xml"; then
        sed -i "s#<dependencies>#<dependencies>\n        <module name=\"$jdk_module\"/>#" "$module_xml"
    fi
done
