#!/bin/sh
# javac-jar.sh JAVAC JAR OUT.jar CLASSPATH SRCDIR SOURCES...
# Compiles SOURCES and every .java file under SRCDIR (may be "") against
# CLASSPATH (may be "") into OUT.jar.
set -eu
javac=$1 jar=$2 out=$3 cp=$4 srcdir=$5
shift 5
classes="$out.classes"
rm -rf "$classes"
mkdir -p "$classes"
list="$out.sources"
: >"$list"
for f in "$@"; do echo "$f" >>"$list"; done
if [ -n "$srcdir" ]; then find "$srcdir" -name '*.java' >>"$list"; fi
"$javac" -encoding UTF-8 --release 17 -Xlint:all -Xlint:-serial -Werror ${cp:+-cp "$cp"} -d "$classes" @"$list"
rm -f "$out"
"$jar" cf "$out" -C "$classes" .
