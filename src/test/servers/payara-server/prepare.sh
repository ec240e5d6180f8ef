#!/usr/bin/env bash
# Creates, once, the Payara Server domain the ITs run on. A domain of its own, with a port base of
# its own, so the tests never collide with domain1's 4848/8080 (the demo, a developer's server).
# Usage: prepare.sh PAYARA_HOME PORT_BASE
set -euo pipefail
payara_home=$1
port_base=$2
domain=alx-it

if [ ! -x "$payara_home/bin/asadmin" ]; then
    echo "[local_alx_report_api] no Payara Server at $payara_home: the build unpacks it first" >&2
    exit 1
fi
if [ -d "$payara_home/glassfish/domains/$domain" ]; then
    echo "[local_alx_report_api] Payara Server domain $domain already exists"
    exit 0
fi
# No admin password: the domain only listens for the tests on this machine.
"$payara_home/bin/asadmin" --user admin create-domain --nopassword=true --portbase "$port_base" "$domain"
