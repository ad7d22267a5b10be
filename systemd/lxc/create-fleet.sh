#!/usr/bin/env bash
# Sigil fleet on a Proxmox VE host: one LXC container per variant (its runner and its own PostgreSQL) and one "ops"
# container (the monitor, the fleet CLI and the heartbeat probe timer), created, installed, migrated and started.
#
#   systemd/lxc/create-fleet.sh --dry-run     print every command it would run, run none (works anywhere)
#   systemd/lxc/create-fleet.sh               on the Proxmox host, as root, with the distribution built
#
# Settings are environment variables, in the style of the Proxmox community scripts (defaults in brackets):
#   var_variants   the variants, one container each      ["baseline moderate aggressive unhinged"]
#   var_ctid       the first container id; the variants follow, the ops container comes last   [210]
#   var_cpu var_ram var_disk   cores, MiB, GiB per runner container                            [1 1024 8]
#   var_ops_cpu var_ops_ram var_ops_disk   the same for the ops container                      [1 1024 8]
#   var_template   the OS template (pveam available --section system)  [local:vztmpl/debian-13-standard_13.1-2_amd64.tar.zst]
#   var_storage    where the root disks go                                                     [local-lvm]
#   var_bridge     the network bridge                                                          [vmbr0]
#   var_net        the containers' /24 network, static addresses .11, .12, ... and ops at .10  [10.20.0]
#   var_gateway    the gateway                                                                 [10.20.0.1]
#   var_unprivileged   1: unprivileged containers (with nesting, so the units' sandboxing works)   [1]
#   var_java       the Java runtime package (>= 21)                                             [openjdk-21-jre-headless]
#   var_dist       the built distribution (./mvnw -DskipTests package)                          [fleet-cli/target/sigil]
# Database passwords are made here (one per variant), pushed into the containers in files of mode 0600, and never
# printed. Each variant's PostgreSQL listens on its address and lets in only its own runner (local) and the ops
# container's address. Re-running with a container id that exists stops before doing anything.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
dry_run=no
case "${1:-}" in
    --dry-run) dry_run=yes ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    "") ;;
    *) echo "create-fleet.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
esac

variants=${var_variants:-"baseline moderate aggressive unhinged"}
ctid=${var_ctid:-210}
cpu=${var_cpu:-1}
ram=${var_ram:-1024}
disk=${var_disk:-8}
ops_cpu=${var_ops_cpu:-1}
ops_ram=${var_ops_ram:-1024}
ops_disk=${var_ops_disk:-8}
template=${var_template:-local:vztmpl/debian-13-standard_13.1-2_amd64.tar.zst}
storage=${var_storage:-local-lvm}
bridge=${var_bridge:-vmbr0}
net=${var_net:-10.20.0}
gateway=${var_gateway:-10.20.0.1}
unprivileged=${var_unprivileged:-1}
java=${var_java:-openjdk-21-jre-headless}
dist=${var_dist:-$repo/fleet-cli/target/sigil}
ops_ip="$net.10"

say() { echo "create-fleet.sh: $*" >&2; }

# every command that changes something goes through here: printed with --dry-run, run otherwise
run() {
    if [ "$dry_run" = yes ]; then
        local line="+" arg
        for arg in "$@"; do
            case "$arg" in
                *[!A-Za-z0-9_./:=,@%+-]*) line="$line '${arg//\'/\'\\\'\'}'" ;;
                *) line="$line $arg" ;;
            esac
        done
        echo "$line"
    else
        "$@"
    fi
}

for variant in $variants; do
    case "$variant" in
        *[!a-z0-9_-]*|'') say "'$variant' is not a variant name (lower-case letters, digits, - and _)"; exit 64 ;;
    esac
done
if [ "$dry_run" = no ]; then
    command -v pct >/dev/null 2>&1 || { say "pct not found: run this on a Proxmox VE host (--dry-run prints the commands anywhere)"; exit 1; }
    [ "$(id -u)" -eq 0 ] || { say "run as root"; exit 1; }
    [ -x "$dist/bin/sigil-runner" ] || { say "no distribution in $dist (build it: ./mvnw -DskipTests package)"; exit 1; }
    id=$ctid
    for _ in $variants ops; do
        if pct status "$id" >/dev/null 2>&1; then
            say "container $id exists already; choose another var_ctid (nothing was changed)"
            exit 1
        fi
        id=$((id + 1))
    done
fi

# what every container gets: the distribution, the units and install.sh, the overlays, the example fleet file
work=$(mktemp -d)
chmod 700 "$work"
trap 'rm -rf "$work"' EXIT
bundle="$work/sigil.tar.gz"
if [ "$dry_run" = no ]; then
    tar -czf "$bundle" -C "$repo" systemd grid-overlays fleet.example.yaml README.md -C "$(dirname "$dist")" "$(basename "$dist")"
fi

create() { # id hostname cores ram disk ip
    run pct create "$1" "$template" --hostname "$2" --cores "$3" --memory "$4" --rootfs "$storage:$5" \
        --net0 "name=eth0,bridge=$bridge,ip=$6/24,gw=$gateway" --unprivileged "$unprivileged" --features nesting=1 \
        --onboot 1 --start 1
    run pct exec "$1" -- sh -c 'for i in $(seq 30); do getent hosts deb.debian.org >/dev/null && exit 0; sleep 2; done; exit 1'
}

install_sigil() { # id install.sh-arguments...
    local id=$1
    shift
    run pct push "$id" "$bundle" /root/sigil.tar.gz
    run pct exec "$id" -- sh -c "rm -rf /root/sigil && mkdir -p /root/sigil && tar -xzf /root/sigil.tar.gz -C /root/sigil"
    run pct exec "$id" -- /root/sigil/systemd/install.sh "$@" --from "/root/sigil/$(basename "$dist")"
}

fleet_file="$work/fleet.yaml"
monitor_env="$work/monitor.env"
{
    echo "# Sigil fleet file, written by create-fleet.sh: the variants' databases, reached from this ops container."
    echo "overlays: /etc/sigil/grid-overlays"
    echo ""
    echo "variants:"
} > "$fleet_file"
{
    echo "# Sigil monitor (read by systemd; mode 0600), written by create-fleet.sh. Add your Discord webhook:"
    echo "# SIGIL_DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/ID/TOKEN"
    echo "SIGIL_MONITOR_PORT=8090"
} > "$monitor_env"

id=$ctid
number=11
for variant in $variants; do
    ip="$net.$number"
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    say "$variant: container $id at $ip (runner and PostgreSQL)"
    create "$id" "sigil-$variant" "$cpu" "$ram" "$disk" "$ip"
    run pct exec "$id" -- sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql $java"
    # the database: its role's password from a file of mode 0600, never on a command line
    umask 077
    printf "CREATE ROLE sigil LOGIN PASSWORD '%s';\nCREATE DATABASE sigil OWNER sigil;\n" "$password" > "$work/$variant.sql"
    cat > "$work/$variant.env" <<ENV
# Sigil runner $variant (read by systemd; mode 0600), written by create-fleet.sh
SIGIL_DB_URL=jdbc:postgresql://localhost:5432/sigil
SIGIL_DB_USER=sigil
SIGIL_DB_PASSWORD=$password
SIGIL_RUNNER_MARKET=binance
SIGIL_RUNNER_PORT=8081
ENV
    umask 022
    run pct push "$id" "$work/$variant.sql" /root/sigil-db.sql --perms 0600
    run pct exec "$id" -- sh -c "chown postgres /root/sigil-db.sql && su postgres -c 'psql -q -f /root/sigil-db.sql' && rm /root/sigil-db.sql"
    # listen on its address; let in the runner (local) and the ops container, nobody else
    run pct exec "$id" -- sh -c "conf=\$(ls -d /etc/postgresql/*/main | tail -1) && \
echo \"listen_addresses = 'localhost,$ip'\" > \$conf/conf.d/sigil.conf && \
echo 'host sigil sigil $ops_ip/32 scram-sha-256' >> \$conf/pg_hba.conf && systemctl restart postgresql"
    install_sigil "$id" --runner "$variant"
    run pct push "$id" "$work/$variant.env" "/etc/sigil/$variant.env" --perms 0600
    run pct exec "$id" -- sh -c "chgrp sigil /etc/sigil/$variant.env && set -a && . /etc/sigil/$variant.env && \
/opt/sigil/bin/fleet migrate --db \"\$SIGIL_DB_URL?user=\$SIGIL_DB_USER\""
    run pct exec "$id" -- systemctl enable --now "sigil-runner@$variant"
    {
        echo "  $variant:"
        echo "    database: jdbc:postgresql://$ip:5432/sigil"
        echo "    user: sigil"
    } >> "$fleet_file"
    echo "SIGIL_DB_PASSWORD_$(echo "$variant" | tr 'a-z-' 'A-Z_')=$password" >> "$monitor_env"
    id=$((id + 1))
    number=$((number + 1))
done

say "ops: container $id at $ops_ip (monitor, fleet CLI, heartbeat probe)"
create "$id" sigil-ops "$ops_cpu" "$ops_ram" "$ops_disk" "$ops_ip"
run pct exec "$id" -- sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $java postgresql-client"
install_sigil "$id" --monitor
chmod 600 "$monitor_env"
run pct push "$id" "$fleet_file" /etc/sigil/fleet.yaml --perms 0640
run pct push "$id" "$monitor_env" /etc/sigil/monitor.env --perms 0600
run pct exec "$id" -- sh -c "chgrp sigil /etc/sigil/fleet.yaml /etc/sigil/monitor.env && \
set -a && . /etc/sigil/monitor.env && /opt/sigil/bin/fleet migrate info --fleet /etc/sigil/fleet.yaml"
run pct exec "$id" -- systemctl enable --now sigil-monitor sigil-heartbeat-check.timer

say "done. Next: add your Discord webhook to /etc/sigil/monitor.env in container $id (pct enter $id), then"
say "  systemctl restart sigil-monitor; fleet status --fleet /etc/sigil/fleet.yaml"
