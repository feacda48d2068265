#!/usr/bin/env bash
# Dossier Capture (卷宗扫描工作站) — installers from the build.
#
#   installer/package.sh [--type app-image|deb|all] [--dist DIR] [--out DIR] [--version X.Y.Z]
#
# Input: the runnable classpath that `mvn package` writes to app/target/dist/lib (all jars,
# main class com.dossiercapture.app.Main). Output (default installer/target/packages):
#   dossier-capture/                    the app-image (bin/dossier-capture launcher, bundled runtime)
#   dossier-capture_X.Y.Z_amd64.deb     with --type deb|all (needs fakeroot)
# Steps: copy the jars and trim the native libraries of other platforms out of them (OpenCV,
# SQLite, JNA, Tess4J, ONNX Runtime carry every OS's natives), jlink a trimmed runtime, jpackage
# the app-image, then jpackage the .deb from that image. Runs on the platform it packages for.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TYPE=app-image
DIST="$ROOT/app/target/dist/lib"
OUT="$ROOT/installer/target/packages"
VERSION=""
NAME=dossier-capture

die() { printf 'package.sh: %s\n' "$*" >&2; exit 2; }
say() { printf 'package.sh: %s\n' "$*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --type) TYPE="$2"; shift 2 ;;
    --dist) DIST="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --version) VERSION="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
case "$TYPE" in app-image|deb|all) ;; *) die "--type must be app-image, deb or all, not $TYPE" ;; esac

# ---- tools ------------------------------------------------------------------------------------
JDK="${JAVA_HOME:-}"
if [ -z "$JDK" ] || [ ! -x "$JDK/bin/jpackage" ]; then
  for c in /usr/lib/jvm/*/; do
    if [ -x "$c/bin/jpackage" ] && "$c/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
      JDK="${c%/}"; break
    fi
  done
fi
[ -n "$JDK" ] && [ -x "$JDK/bin/jpackage" ] && [ -x "$JDK/bin/jlink" ] \
  || die "no JDK >= 25 with jlink and jpackage found (set JAVA_HOME)"
"$JDK/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])' \
  || die "$JDK is older than JDK 25"
command -v zip >/dev/null || die "zip is needed to trim native libraries: apt-get install zip"
if [ "$TYPE" != app-image ]; then
  command -v fakeroot >/dev/null || die "building a .deb needs fakeroot: apt-get install fakeroot"
  command -v dpkg-deb >/dev/null || die "building a .deb needs dpkg-deb (Debian family only)"
fi

APP_JAR=$(cd "$DIST" 2>/dev/null && ls app-*.jar 2>/dev/null | head -1 || true)
[ -n "$APP_JAR" ] || die "no app-*.jar in $DIST: build first (./mvnw -B -DskipTests package)"
if [ -z "$VERSION" ]; then
  VERSION=${APP_JAR#app-}; VERSION=${VERSION%.jar}; VERSION=${VERSION%-SNAPSHOT}
fi
[[ "$VERSION" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "version '$VERSION' must be numeric (X.Y.Z)"

case "$(uname -m)" in
  x86_64|amd64) OPENCV_ARCH=x86_64; SQLITE_ARCH=x86_64; JNA_ARCH=linux-x86-64; ORT_ARCH=linux-x64 ;;
  aarch64|arm64) OPENCV_ARCH=ARMv8; SQLITE_ARCH=aarch64; JNA_ARCH=linux-aarch64; ORT_ARCH=linux-aarch64 ;;
  *) die "unsupported machine $(uname -m)" ;;
esac

WORK="$ROOT/installer/target/work"
rm -rf "$WORK" "$OUT/$NAME"
mkdir -p "$WORK/input" "$OUT"

# ---- 1. jars, with other platforms' natives removed ---------------------------------------------
cp "$DIST"/*.jar "$WORK/input/"
trim() { # jar, patterns... (zip exits 12 when nothing matched)
  local jar="$1"; shift
  [ -f "$jar" ] || return 0
  zip -q -d "$jar" "$@" >/dev/null 2>&1 || [ $? -eq 12 ] || die "cannot trim $jar"
}
for j in "$WORK"/input/opencv-*.jar; do
  keep="nu/pattern/opencv/linux/$OPENCV_ARCH/"
  pats=()
  while read -r e; do [[ "$e" == nu/pattern/opencv/* && "$e" != "$keep"* && "$e" =~ \.(so|dll|dylib)$ ]] && pats+=("$e"); done \
    < <(unzip -Z1 "$j")
  [ ${#pats[@]} -gt 0 ] && trim "$j" "${pats[@]}"
done
for j in "$WORK"/input/sqlite-jdbc-*.jar; do
  pats=()
  while read -r e; do [[ "$e" == org/sqlite/native/* && "$e" != org/sqlite/native/Linux/$SQLITE_ARCH/* && "$e" != */ ]] && pats+=("$e"); done \
    < <(unzip -Z1 "$j")
  [ ${#pats[@]} -gt 0 ] && trim "$j" "${pats[@]}"
done
for j in "$WORK"/input/jna-[0-9]*.jar "$WORK"/input/tess4j-*.jar "$WORK"/input/lept4j-*.jar; do
  [ -f "$j" ] || continue
  pats=()
  while read -r e; do
    [[ "$e" =~ \.(so|dll|dylib|a|jnilib)$ && "$e" != *"/$JNA_ARCH/"* && "$e" != "$JNA_ARCH/"* ]] && pats+=("$e")
  done < <(unzip -Z1 "$j")
  [ ${#pats[@]} -gt 0 ] && trim "$j" "${pats[@]}"
done
for j in "$WORK"/input/onnxruntime-*.jar; do
  [ -f "$j" ] || continue
  pats=()
  while read -r e; do [[ "$e" == ai/onnxruntime/native/* && "$e" != ai/onnxruntime/native/$ORT_ARCH/* && "$e" != */ ]] && pats+=("$e"); done \
    < <(unzip -Z1 "$j")
  [ ${#pats[@]} -gt 0 ] && trim "$j" "${pats[@]}"
done
say "jars: $(du -sh "$DIST" | cut -f1) -> $(du -sh "$WORK/input" | cut -f1) after trimming other platforms' natives"

# ---- 2. runtime -------------------------------------------------------------------------------
# Modules the classpath needs (jdeps over these jars; kept as a list so a build does not spend a
# minute on jdeps): AWT/ImageIO, JDBC, logging, XML, HTTP client, JNA's Unsafe, Chinese locale data
# and charsets (GBK/GB18030 files), crypto for TLS to the central system, zipfs for jar access.
MODULES=java.base,java.desktop,java.sql,java.logging,java.naming,java.xml,java.management,java.net.http,java.prefs,java.scripting,java.security.jgss,java.instrument,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.localedata,jdk.charsets,jdk.zipfs,jdk.net,jdk.jfr,jdk.management
"$JDK/bin/jlink" --add-modules "$MODULES" --include-locales=en,zh --strip-debug --no-header-files \
  --no-man-pages --compress=zip-6 --output "$WORK/runtime"
say "runtime: $(du -sh "$WORK/runtime" | cut -f1)"

# ---- 3. app-image -----------------------------------------------------------------------------
# OMP_THREAD_LIMIT=1: jpackage launchers cannot set environment variables; the OCR engine sets it
# itself through libc setenv before libtesseract loads (ocr NativeEnv.limitOpenMpThreads).
"$JDK/bin/jpackage" --type app-image --name "$NAME" --app-version "$VERSION" \
  --input "$WORK/input" --main-jar "$APP_JAR" --main-class com.dossiercapture.app.Main \
  --runtime-image "$WORK/runtime" --dest "$OUT" \
  --icon "$HERE/src/main/packaging/icons/$NAME.png" \
  --description "卷宗扫描工作站 Dossier Capture: court dossier scanning, OCR and archiving" \
  --vendor "Dossier Capture" --copyright "Dossier Capture contributors" \
  --java-options "--enable-native-access=ALL-UNNAMED" \
  --java-options "-Xmx3g" \
  --java-options "-Ddc.packaged=true"
say "app-image: $OUT/$NAME ($(du -sh "$OUT/$NAME" | cut -f1))"

# ---- 4. .deb ------------------------------------------------------------------------------------
if [ "$TYPE" != app-image ]; then
  RES="$WORK/resources"
  mkdir -p "$RES"
  cp "$HERE/src/main/packaging/linux/$NAME.desktop" "$RES/$NAME.desktop"
  cp "$HERE/src/main/packaging/icons/$NAME.png" "$RES/$NAME.png"
  rm -f "$OUT"/${NAME}_*.deb
  "$JDK/bin/jpackage" --type deb --app-image "$OUT/$NAME" --name "$NAME" --app-version "$VERSION" \
    --dest "$OUT" --resource-dir "$RES" \
    --description "卷宗扫描工作站 Dossier Capture: court dossier scanning, OCR and archiving" \
    --vendor "Dossier Capture" --copyright "Dossier Capture contributors" \
    --linux-package-name "$NAME" --linux-deb-maintainer "dossier-capture@localhost" \
    --linux-menu-group "Office;Scanning;" --linux-app-category office --linux-shortcut \
    --linux-package-deps "$(tr '\n' ' ' < "$HERE/src/main/packaging/linux/depends.txt" | sed 's/ *$//')"
  say "deb: $(ls "$OUT"/${NAME}_*.deb)"
fi
