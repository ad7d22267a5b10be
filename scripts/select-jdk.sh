# shellcheck shell=sh
# Source this file (POSIX sh): it exports JAVA_HOME pointing at a JDK >= 21 (Temurin 25 here), or fails with a
# clear message. Order: $JAVA_HOME if it is >= 21, then /usr/lib/jvm/temurin-*, then any /usr/lib/jvm/* >= 21,
# then the `java` on PATH. Used by ./mvnw, ./fleet and .ci/run.

sigil_java_major() {
    [ -x "$1/bin/java" ] || return 1
    # the JDK's release file says its version without starting a JVM (a launcher's start-up pays for every JVM)
    if [ -f "$1/release" ]; then
        sigil_release=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release")
        if [ -n "$sigil_release" ]; then
            echo "$sigil_release"
            return 0
        fi
    fi
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

# Prints the JVM options for an application class-data archive (AppCDS, the JDK's own) named after $1 for the jars
# in directory $2: the first run writes it at exit, later starts map the classes from it instead of loading them (a
# runner beats in ~2 s instead of ~5). The JVM refuses an archive made from other jars or another JDK and does not
# write it again, so the file's name carries a checksum of the jars' listing and the JDK's release file: an upgrade
# gets a new archive, and the old ones are removed. Nothing when $1 is empty or its directory cannot be made; one
# name per process that may run at the same time as another (the JVM writes the file in place).
sigil_cds_options() {
    [ -n "${1:-}" ] || return 0
    sigil_cds_dir=$(dirname "$1")
    mkdir -p "$sigil_cds_dir" 2>/dev/null && [ -w "$sigil_cds_dir" ] || return 0
    sigil_cds_stamp=$({ ls -l --full-time "$2" 2>/dev/null; cat "$JAVA_HOME/release" 2>/dev/null; } | cksum | cut -d' ' -f1)
    sigil_cds_file="${1%.jsa}.$sigil_cds_stamp.jsa"
    for sigil_cds_old in "${1%.jsa}".*.jsa; do
        [ "$sigil_cds_old" = "$sigil_cds_file" ] || rm -f "$sigil_cds_old"
    done
    echo "-XX:SharedArchiveFile=$sigil_cds_file -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off"
}

# JDK 25 and later: sets sigil_aot_opts to the JVM options for an AOT cache (JEP 483 and 515: the classes loaded and linked ahead of
# time, and the JIT's method profiles, from a first run) named after $1 for the jars in directory $2, stamped like the
# class-data archive above. When the cache is there: -XX:AOTCache. When it is not: this run records what it uses
# (-XX:AOTMode=record, a little slower) into $1.<stamp>.<pid>.conf, and sets sigil_aot_conf and sigil_aot_cache for
# sigil_aot_create to make the cache from it once the run is over. Empty on an older JDK (the caller uses
# sigil_cds_options then), or when $1 is empty or its directory cannot be made. Call it directly, not in $(...): it
# sets variables.
sigil_aot_options() {
    sigil_aot_opts=
    sigil_aot_conf=
    sigil_aot_cache=
    [ -n "${1:-}" ] || return 0
    sigil_aot_major=$(sigil_java_major "$JAVA_HOME") || return 0
    [ "$sigil_aot_major" -ge 25 ] 2>/dev/null || return 0
    sigil_aot_dir=$(dirname "$1")
    mkdir -p "$sigil_aot_dir" 2>/dev/null && [ -w "$sigil_aot_dir" ] || return 0
    sigil_aot_stamp=$({ ls -l --full-time "$2" 2>/dev/null; cat "$JAVA_HOME/release" 2>/dev/null; } | cksum | cut -d' ' -f1)
    sigil_aot_file="$1.$sigil_aot_stamp.aot"
    for sigil_aot_old in "$1".*.aot "$1".*.conf; do
        case "$sigil_aot_old" in
            "$sigil_aot_file" | "$sigil_aot_file".*) ;;
            *) rm -f "$sigil_aot_old" ;;
        esac
    done
    if [ -f "$sigil_aot_file" ]; then
        sigil_aot_opts="-XX:AOTCache=$sigil_aot_file -Xlog:aot=off -Xlog:cds=off"
        return 0
    fi
    sigil_aot_conf="$sigil_aot_file.$$.conf"
    sigil_aot_cache="$sigil_aot_file"
    # the JVM says it recorded on its own output at exit, whatever the logging: not into a command's output, nor on
    # the operator's terminal
    sigil_aot_opts="-XX:AOTMode=record -XX:AOTConfiguration=$sigil_aot_conf -Xlog:aot=off -Xlog:cds=off -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput"
}

# Makes the AOT cache from what a run recorded (sigil_aot_options), in the background with the classpath $1: the
# command that recorded it has already returned. Written under another name and renamed, so a start never maps a
# half-written cache; two commands that both recorded one just make it twice.
sigil_aot_create() {
    [ -n "${sigil_aot_conf:-}" ] && [ -f "$sigil_aot_conf" ] || return 0
    nohup sh -c '"$0/bin/java" -XX:AOTMode=create -XX:AOTConfiguration="$1" -XX:AOTCache="$2.$$.tmp" -Xlog:aot=off -Xlog:cds=off -cp "$3" \
            && mv -f "$2.$$.tmp" "$2"; rm -f "$1" "$2.$$.tmp"' "$JAVA_HOME" "$sigil_aot_conf" "$sigil_aot_cache" "$1" >/dev/null 2>&1 &
}

sigil_jdk_ok() {
    sigil_major=$(sigil_java_major "$1") || return 1
    [ -n "$sigil_major" ] && [ "$sigil_major" -ge 21 ] 2>/dev/null
}

sigil_select_jdk() {
    if [ -n "${JAVA_HOME:-}" ] && sigil_jdk_ok "$JAVA_HOME"; then
        export JAVA_HOME
        return 0
    fi
    for sigil_candidate in /usr/lib/jvm/temurin-*-jdk* /usr/lib/jvm/*; do
        if [ -d "$sigil_candidate" ] && sigil_jdk_ok "$sigil_candidate"; then
            JAVA_HOME="$sigil_candidate"
            export JAVA_HOME
            return 0
        fi
    done
    if command -v java >/dev/null 2>&1; then
        sigil_candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
        if sigil_jdk_ok "$sigil_candidate"; then
            JAVA_HOME="$sigil_candidate"
            export JAVA_HOME
            return 0
        fi
    fi
    echo "Sigil fleet needs a JDK 21 or newer (it is built with Temurin 25) and none was found." >&2
    echo "Looked at \$JAVA_HOME, /usr/lib/jvm/* and 'java' on PATH. Install one and/or set JAVA_HOME." >&2
    return 1
}

sigil_select_jdk
