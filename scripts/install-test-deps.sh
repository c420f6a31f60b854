#!/usr/bin/env bash
# Installs the Debian packages the tests use (real DNS clients and peers, etcd, and the headless
# Chromium the dashboard's browser test drives) when any is missing.
# Package scripts are kept from starting system daemons: nothing may take port 53 or 953.
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have dig || need+=(bind9-dnsutils)
have kdig || need+=(knot-dnsutils)
have knotd || need+=(knot)
have unbound || need+=(unbound)
have dnsperf || need+=(dnsperf)
have named-checkzone || need+=(bind9-utils)
have named || need+=(bind9)
have python3 || need+=(python3)
have pdns_server || need+=(pdns-server)
have etcd || need+=(etcd-server)
have etcdctl || need+=(etcd-client)
compgen -G '/usr/lib/*/pdns/libremotebackend.so' >/dev/null || need+=(pdns-backend-remote)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "install-test-deps: missing ${need[*]} and not root: install them first" >&2; exit 1
fi
echo "install-test-deps: installing ${need[*]}" >&2
guard=/usr/sbin/policy-rc.d
made_guard=0
if [ ! -e "$guard" ]; then printf '#!/bin/sh\nexit 101\n' > "$guard"; chmod +x "$guard"; made_guard=1; fi
trap '[ $made_guard = 1 ] && rm -f "$guard"' EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
