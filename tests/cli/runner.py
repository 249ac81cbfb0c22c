# SPDX-License-Identifier: MIT
"""The plain test runner of the CLI test scripts: every test_* function of a
module, each failure reported without stopping the others, then the
module's temporary directory removed."""
import shutil


def run_tests(namespace, tmpdir, *args):
    """Call every test_* function in namespace (a module's globals()), passing
    args to those that take arguments. Returns the exit status: 0 when all
    passed, 1 when any failed."""
    tests = [(n, f) for n, f in sorted(namespace.items()) if n.startswith("test_") and callable(f)]
    failed = 0
    try:
        for name, fn in tests:
            try:
                fn(*args) if fn.__code__.co_argcount else fn()
                print("ok   %s" % name)
            except Exception as e:  # report every test, then fail
                failed += 1
                print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    print("%d tests, %d failed" % (len(tests), failed))
    return 1 if failed else 0
