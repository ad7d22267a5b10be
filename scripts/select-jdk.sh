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

# Prints the JVM options for an application class-data archive at $1 (AppCDS, the JDK's own): the first run writes it
# at exit, later starts map the classes from it instead of loading them (a runner beats in ~2 s instead of ~5). A
# stale archive (another JDK, other jars) is rewritten by the JVM itself. Nothing when $1 is empty or its directory
# cannot be made; one archive per process that may run at the same time as another (the JVM rewrites it in place).
sigil_cds_options() {
    [ -n "${1:-}" ] || return 0
    mkdir -p "$(dirname "$1")" 2>/dev/null && [ -w "$(dirname "$1")" ] || return 0
    echo "-XX:SharedArchiveFile=$1 -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off"
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
