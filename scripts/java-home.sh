# Sourced by the launcher and the test script: exports JAVA_HOME pointing at a JDK 21 or newer.
# The machine's default java may be older (17), so an explicit choice is needed.
junction_java_ok() {
  [ -x "$1/bin/java" ] || return 1
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null
}
if [ -z "${JAVA_HOME:-}" ] || ! junction_java_ok "$JAVA_HOME"; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
    if junction_java_ok "$candidate"; then JAVA_HOME="$candidate"; break; fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "junction: no JDK 21 or newer found; install one (e.g. Temurin 25) or set JAVA_HOME" >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
