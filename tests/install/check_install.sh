#!/bin/sh
# Installs the build into a scratch DESTDIR, then builds the C example from
# README.md against it through pkg-config alone, runs it and compares its
# output with the output README.md shows. Usage: check_install.sh BUILD_DIR README PREFIX LIBDIR
set -eu
build=$1 readme=$2 prefix=$3 libdir=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
meson install -C "$build" --destdir "$tmp/root" --no-rebuild --quiet >/dev/null
case $libdir in /*) ;; *) libdir=$prefix/$libdir ;; esac
pcdir=$tmp/root$libdir/pkgconfig
test -f "$pcdir/sipmsg.pc" || { echo "FAIL: no sipmsg.pc under $pcdir"; exit 1; }
# the fenced blocks right after the <!-- readme-example:c --> and <!-- readme-example:output --> markers
awk '/<!-- readme-example:c -->/{f=1;next} f&&/^```c/{p=1;next} p&&/^```/{exit} p' "$readme" >"$tmp/example.c"
awk '/<!-- readme-example:output -->/{f=1;next} f&&/^```/{if(p)exit;p=1;next} p' "$readme" >"$tmp/expected"
test -s "$tmp/example.c" || { echo "FAIL: no C example in $readme"; exit 1; }
flags=$(PKG_CONFIG_PATH=$pcdir PKG_CONFIG_SYSROOT_DIR=$tmp/root pkg-config --cflags --libs sipmsg)
echo "pkg-config --cflags --libs sipmsg: $flags"
${CC:-cc} -std=c11 -Wall -Wextra -Werror -o "$tmp/example" "$tmp/example.c" $flags
LD_LIBRARY_PATH=$tmp/root$libdir "$tmp/example" >"$tmp/actual"
if ! diff -u "$tmp/expected" "$tmp/actual"; then
  echo "FAIL: the README example prints something else than README shows"
  exit 1
fi
echo "ok: README example built against the installed library and printed what README shows"
