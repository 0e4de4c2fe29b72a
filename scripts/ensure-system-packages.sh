#!/usr/bin/env bash
# Installs what the tests run for real, from Debian's packages: a PostgreSQL server, pgbouncer, Patroni with etcd as
# its DCS, Lua 5.1 with its JSON module for the Argo CD health check (Argo CD runs gopher-lua, a Lua 5.1), pigz, which
# compresses the logical backup as Zalando's image does, and postgres_exporter, scraped against the throwaway server
# with the monitoring role.
set -euo pipefail

need=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need+=(postgresql); fi
if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then need+=(pgbouncer); fi
if ! command -v patroni >/dev/null 2>&1; then need+=(patroni); fi
if ! command -v etcd >/dev/null 2>&1; then need+=(etcd-server); fi
if ! command -v lua5.1 >/dev/null 2>&1; then need+=(lua5.1); fi
if ! lua5.1 -e 'require "cjson"' >/dev/null 2>&1; then need+=(lua-cjson); fi
if ! command -v pigz >/dev/null 2>&1; then need+=(pigz); fi
if [ ! -x /usr/bin/prometheus-postgres-exporter ]; then need+=(prometheus-postgres-exporter); fi
[ ${#need[@]} -eq 0 ] && exit 0

echo "installing ${need[*]} from Debian's packages…"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to install: ${need[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
# Package scripts would start system-wide servers; the tests start their own, so forbid service starts.
policy=/usr/sbin/policy-rc.d
placed_policy=false
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
  "${sudo_cmd[@]}" chmod +x "$policy"
  placed_policy=true
fi
trap '[ "$placed_policy" = true ] && "${sudo_cmd[@]}" rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "installed ${need[*]}"
