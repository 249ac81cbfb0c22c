#!/bin/sh
# swig-java.sh SWIG GENDIR WRAP.C DEPFILE INTERFACE SWIG-ARGS...
# Runs swig -java into a fresh GENDIR (a class removed from the interface
# must not linger there).
set -eu
swig=$1 gendir=$2 wrap=$3 dep=$4 interface=$5
shift 5
rm -rf "$gendir"
mkdir -p "$gendir"
exec "$swig" -java -package org.sipmsg -MMD -MF "$dep" "$@" -o "$wrap" -outdir "$gendir" "$interface"
