# Sourced by the other .ci scripts: installs the Debian packages a job needs
# when they are missing (apt-get update runs at most once per job).
ensure_packages() {
  missing=""
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $pkg"
    fi
  done
  [ -z "$missing" ] && return 0
  echo "installing:$missing"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  if [ -z "${SIPMSG_APT_UPDATED:-}" ]; then
    $sudo apt-get update -qq || return 1
    SIPMSG_APT_UPDATED=1
  fi
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null || return 1
}

# What building and running the main job needs.
MAIN_PACKAGES="meson ninja-build gcc libc6-dev pkg-config libpcap-dev zlib1g-dev"
# What the whole test suite needs: compilers, Criterion, valgrind, the
# benchmark peers (bench-smoke), SIPp and dumpcap (capture tests), and the
# Python package with its tests (SWIG, headers, pytest, hypothesis, the
# venv + meson-python install test, mypy for the stubs), and the Java and
# Lua bindings with their tests (JDK, JUnit 5, Lua 5.4 and its headers).
TEST_PACKAGES="$MAIN_PACKAGES g++ clang libclang-rt-14-dev libcriterion-dev valgrind
  libosip2-dev libsofia-sip-ua-dev libre-dev sip-tester tshark doxygen
  swig python3-dev python3-pytest python3-hypothesis python3-mesonpy python3-venv mypy
  default-jdk junit5 liblua5.4-dev lua5.4"
