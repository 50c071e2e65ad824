#!/usr/bin/env python3
"""Run one golden test of the `tact` command.

usage: run_case.py TACT CASE_DIR [--update]

A case is a directory under tests/cli/cases/ holding:
  args    the arguments, one per line (blank lines and lines starting
          with '#' are skipped)
  stdin   optional: bytes fed to standard input (else /dev/null)
  stdout  the expected standard output, byte for byte (missing: empty)
  status  the expected exit status
  stderr  optional: the expected standard error, compared when present

The command runs in tests/cli/, so arguments name fixtures as
"packs/acme-en.yaml" or "inputs/batch.jsonl", with NO_COLOR=1 and
TERM=dumb. When TACT_CLI_WRAPPER is set (for example to
"valgrind --quiet --error-exitcode=99 --leak-check=full
--errors-for-leak-kinds=definite,indirect,possible"), it is split like a
shell command line and put before TACT; status 99 then means the wrapper
found errors.

--update rewrites stdout, status (and stderr when present) from the actual
run. Every updated golden file must be read and checked by hand before it
is committed: offsets, carets, exit codes.

Only the Python standard library is used.
"""
import difflib
import os
import shlex
import subprocess
import sys

WRAPPER_ERROR = 99


def read(path, default=None):
    try:
        with open(path, 'rb') as f:
            return f.read()
    except FileNotFoundError:
        return default


def case_args(case):
    text = read(os.path.join(case, 'args'), b'').decode('utf-8')
    return [line for line in text.split('\n')
            if line.strip() and not line.startswith('#')]


def run(tact, case):
    wrapper = shlex.split(os.environ.get('TACT_CLI_WRAPPER', ''))
    env = dict(os.environ, NO_COLOR='1', TERM='dumb')
    stdin = read(os.path.join(case, 'stdin'))
    proc = subprocess.run(
        wrapper + [tact] + case_args(case),
        input=stdin if stdin is not None else b'',
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        cwd=os.path.dirname(os.path.dirname(case)), env=env, timeout=600)
    return proc, bool(wrapper)


def show_diff(name, want, got):
    diff = difflib.unified_diff(
        want.decode('utf-8', 'replace').splitlines(True),
        got.decode('utf-8', 'replace').splitlines(True),
        'expected ' + name, 'actual ' + name)
    sys.stdout.writelines(diff)
    sys.stdout.write('\n')


def update(case, proc):
    with open(os.path.join(case, 'stdout'), 'wb') as f:
        f.write(proc.stdout)
    with open(os.path.join(case, 'status'), 'w') as f:
        f.write('%d\n' % proc.returncode)
    if os.path.exists(os.path.join(case, 'stderr')):
        with open(os.path.join(case, 'stderr'), 'wb') as f:
            f.write(proc.stderr)
    print('updated %s: review it before committing' % case)
    return 0


def compare(case, proc, wrapped):
    failed = False
    if wrapped and proc.returncode == WRAPPER_ERROR:
        print('the wrapper reported errors:')
        print(proc.stderr.decode('utf-8', 'replace'))
        return 1
    want_status = int(read(os.path.join(case, 'status'), b'').strip())
    if proc.returncode != want_status:
        print('exit status %d, expected %d' % (proc.returncode, want_status))
        failed = True
    want_out = read(os.path.join(case, 'stdout'), b'')
    if proc.stdout != want_out:
        show_diff('stdout', want_out, proc.stdout)
        failed = True
    want_err = read(os.path.join(case, 'stderr'))
    if want_err is not None and proc.stderr != want_err:
        show_diff('stderr', want_err, proc.stderr)
        failed = True
    if failed:
        print('stderr was:')
        print(proc.stderr.decode('utf-8', 'replace'))
    return 1 if failed else 0


def main(argv):
    if len(argv) not in (3, 4) or (len(argv) == 4 and argv[3] != '--update'):
        sys.stderr.write(__doc__)
        return 2
    tact = os.path.abspath(argv[1])
    case = os.path.abspath(argv[2])
    proc, wrapped = run(tact, case)
    if len(argv) == 4:
        return update(case, proc)
    return compare(case, proc, wrapped)


if __name__ == '__main__':
    sys.exit(main(sys.argv))
