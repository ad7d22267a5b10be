#!/bin/sh
# Installs (or upgrades) Sigil on this machine — typically one LXC container per variant, plus one for the monitor.
#
#   systemd/install.sh --runner baseline      a variant runner: /opt/sigil, the sigil user, /etc/sigil/baseline.env
#   systemd/install.sh --monitor              the monitor and the heartbeat probe timer: /etc/sigil/fleet.yaml, monitor.env
#   systemd/install.sh --runner baseline --monitor --from DIR
#
# It copies the distribution (fleet-cli/target/sigil, built with ./mvnw -DskipTests package: the launchers in bin/ and
# one classpath per application in lib/cli, lib/runner, lib/monitor) and the systemd units; it creates configuration only where none exists (never overwrites /etc/sigil),
# creates the sigil system user, and runs systemctl daemon-reload. It starts nothing: it prints the next steps.
# DESTDIR=/some/dir stages everything under that directory instead (packaging, tests): no user, no systemctl.
# In a container (systemd-detect-virt --container) it tries the units' sandboxing with systemd-run: an unprivileged LXC
# container without nesting cannot set up mount namespaces (status=226/NAMESPACE at every start). What fails there is
# relaxed in a drop-in (/etc/systemd/system/UNIT.d/50-container.conf), said in one line with what to change on the host.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
from="$repo/fleet-cli/target/sigil"
runners=""
monitor=no
while [ $# -gt 0 ]; do
    case "$1" in
        --runner) runners="$runners ${2:?--runner needs a variant name}"; shift 2 ;;
        --monitor) monitor=yes; shift ;;
        --from) from="${2:?--from needs a directory}"; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
    esac
done
if [ -z "$runners" ] && [ "$monitor" = no ]; then
    echo "install.sh: say what to install: --runner VARIANT and/or --monitor (see --help)" >&2
    exit 64
fi
for variant in $runners; do
    case "$variant" in
        *[!a-z0-9_-]*|'') echo "install.sh: '$variant' is not a variant name (lower-case letters, digits, - and _)" >&2; exit 64 ;;
    esac
done
if [ ! -x "$from/bin/sigil-runner" ] || [ ! -d "$from/lib/runner" ] || [ ! -d "$from/lib/monitor" ] || [ ! -d "$from/lib/cli" ]; then
    echo "install.sh: no distribution in $from (build it first: ./mvnw -DskipTests package)" >&2
    exit 1
fi
root="${DESTDIR:-}"
if [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: run as root (or set DESTDIR to stage the files somewhere)" >&2
    exit 1
fi

echo "installing the distribution into $root/opt/sigil"
mkdir -p "$root/opt/sigil/bin" "$root/etc/sigil" "$root/etc/systemd/system" "$root/var/lib/sigil"
# each application keeps its own classpath (lib/runner, lib/monitor, lib/cli): an upgrade replaces them whole
rm -rf "$root/opt/sigil/lib"
mkdir -p "$root/opt/sigil/lib"
for app in cli runner monitor; do
    mkdir -p "$root/opt/sigil/lib/$app"
    cp "$from/lib/$app/"*.jar "$root/opt/sigil/lib/$app/"
done
cp "$from/bin/sigil-runner" "$from/bin/sigil-monitor" "$from/bin/fleet" "$from/bin/select-jdk.sh" "$root/opt/sigil/bin/"
chmod 755 "$root/opt/sigil/bin/sigil-runner" "$root/opt/sigil/bin/sigil-monitor" "$root/opt/sigil/bin/fleet"
chmod 644 "$root/opt/sigil/bin/select-jdk.sh"
cp "$repo/README.md" "$root/opt/sigil/README.md"
chmod 750 "$root/etc/sigil"

# configuration is the operator's: written only where none exists
if [ ! -d "$root/etc/sigil/grid-overlays" ]; then
    mkdir -p "$root/etc/sigil/grid-overlays"
    cp "$repo/grid-overlays/"*.yaml "$root/etc/sigil/grid-overlays/"
    echo "  wrote /etc/sigil/grid-overlays (base.yaml and the four overlays)"
fi
umask 077
for variant in $runners; do
    cp "$here/sigil-runner@.service" "$root/etc/systemd/system/"
    if [ ! -f "$root/etc/sigil/$variant.env" ]; then
        cat > "$root/etc/sigil/$variant.env" <<ENV
# Sigil runner $variant (read by systemd; keep mode 0600)
SIGIL_DB_URL=jdbc:postgresql://localhost:5432/sigil
SIGIL_DB_USER=sigil
SIGIL_DB_PASSWORD=change-me
# binance (live public klines), or synthetic for a dry run
SIGIL_RUNNER_MARKET=binance
SIGIL_RUNNER_PORT=8081
ENV
        chmod 600 "$root/etc/sigil/$variant.env"
        echo "  wrote /etc/sigil/$variant.env (edit the database password)"
    fi
done
if [ "$monitor" = yes ]; then
    cp "$here/sigil-monitor.service" "$here/sigil-heartbeat-check.service" "$here/sigil-heartbeat-check.timer" "$root/etc/systemd/system/"
    if [ ! -f "$root/etc/sigil/fleet.yaml" ]; then
        sed 's#^overlays: grid-overlays#overlays: /etc/sigil/grid-overlays#' "$repo/fleet.example.yaml" > "$root/etc/sigil/fleet.yaml"
        chmod 640 "$root/etc/sigil/fleet.yaml"
        echo "  wrote /etc/sigil/fleet.yaml (list your variants' databases)"
    fi
    if [ ! -f "$root/etc/sigil/monitor.env" ]; then
        cat > "$root/etc/sigil/monitor.env" <<ENV
# Sigil monitor (read by systemd; keep mode 0600)
SIGIL_DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/ID/TOKEN
SIGIL_DB_PASSWORD_BASELINE=change-me
SIGIL_DB_PASSWORD_MODERATE=change-me
SIGIL_DB_PASSWORD_AGGRESSIVE=change-me
SIGIL_DB_PASSWORD_UNHINGED=change-me
SIGIL_MONITOR_PORT=8090
ENV
        chmod 600 "$root/etc/sigil/monitor.env"
        echo "  wrote /etc/sigil/monitor.env (the Discord webhook and the database passwords)"
    fi
fi
umask 022

# The units' sandboxing, option by option, tried where they will run: systemd-run starts a transient unit with just
# that option. In an unprivileged LXC container without nesting the mount-namespace ones fail (226/NAMESPACE).
sandboxing="PrivateTmp=yes ProtectSystem=strict ProtectHome=yes PrivateDevices=yes ProtectKernelTunables=yes ProtectKernelModules=yes \
ProtectKernelLogs=yes ProtectControlGroups=yes ProtectClock=yes ProtectHostname=yes RestrictNamespaces=yes"
container=$(systemd-detect-virt --container 2>/dev/null || true)
if [ -n "$container" ] && [ "$container" != none ]; then
    failing=""
    if ! probe=$(systemd-run --quiet --wait --collect -p NoNewPrivileges=yes /bin/true 2>&1); then
        echo "install.sh: in a $container container where systemd-run cannot start a unit ($probe): the units' sandboxing was not tried"
    else
        for option in $sandboxing; do
            systemd-run --quiet --wait --collect -p "$option" /bin/true >/dev/null 2>&1 || failing="$failing ${option%%=*}"
        done
    fi
    installed_units=""
    [ -n "$runners" ] && installed_units="sigil-runner@.service"
    [ "$monitor" = yes ] && installed_units="$installed_units sigil-monitor.service sigil-heartbeat-check.service"
    for unit in $installed_units; do
        dropin="$root/etc/systemd/system/$unit.d/50-container.conf"
        if [ -n "$failing" ]; then
            mkdir -p "$(dirname "$dropin")"
            {
                echo "# Written by install.sh: this $container container cannot set these up (systemd-run failed with each alone)."
                echo "# Better: allow nesting on the host (Proxmox: pct set ID --features nesting=1; Incus: incus config set NAME"
                echo "# security.nesting=true), delete this file and run install.sh again."
                echo "[Service]"
                for option in $failing; do
                    echo "$option=no"
                done
            } > "$dropin"
        else
            rm -f "$dropin"
        fi
    done
    if [ -n "$failing" ]; then
        echo "install.sh: this $container container cannot set up$(echo "$failing" | sed 's/ /, /g; s/^,//') for the units (status=226/NAMESPACE at start): relaxed only those, in 50-container.conf drop-ins; better, allow nesting on the host (Proxmox: pct set ID --features nesting=1; Incus: incus config set NAME security.nesting=true) and run install.sh again"
    fi
fi

if [ -z "$root" ]; then
    if ! id sigil >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/sigil --shell /usr/sbin/nologin sigil
        echo "  created the sigil system user"
    fi
    chown -R sigil:sigil /var/lib/sigil
    chgrp -R sigil /etc/sigil
    systemctl daemon-reload
fi

echo "done. Next:"
for variant in $runners; do
    echo "  1. edit /etc/sigil/$variant.env, then: /opt/sigil/bin/fleet migrate --db \"\$SIGIL_DB_URL?user=sigil\"   (or from the ops container: fleet migrate --variant $variant)"
    echo "  2. systemctl enable --now sigil-runner@$variant; journalctl -fu sigil-runner@$variant"
done
if [ "$monitor" = yes ]; then
    echo "  edit /etc/sigil/fleet.yaml and /etc/sigil/monitor.env, then: systemctl enable --now sigil-monitor sigil-heartbeat-check.timer"
fi
echo "  upgrading later: run this script again, then fleet migrate, then systemctl restart the units"
