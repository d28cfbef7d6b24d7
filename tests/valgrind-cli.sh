#!/usr/bin/env bash
# valgrind-cli.sh CLI EXAMPLES_DIR
#
# Runs upstream-cli validate, project and bench --iterations 10 over every example plan
# under valgrind memcheck; a test point fails on any memory error or definite leak.
# Prints TAP. Skips when valgrind is not installed (CI installs it).
set -uo pipefail
cli=$1
examples=$2

if ! command -v valgrind >/dev/null; then
  echo "1..0 # SKIP valgrind is not installed"
  exit 0
fi

# GLib's slice allocator would hide what it holds from memcheck.
export G_SLICE=always-malloc G_DEBUG=gc-friendly LC_ALL=C.UTF-8
plans=("$examples"/*.upstream)
commands=("validate" "project" "bench --iterations 10")
echo "1..$(( ${#plans[@]} * ${#commands[@]} ))"
n=0
for plan in "${plans[@]}"; do
  for command in "${commands[@]}"; do
    n=$((n + 1))
    name="$command $(basename "$plan")"
    log=$(mktemp)
    # shellcheck disable=SC2086
    if valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \
         --errors-for-leak-kinds=definite --show-leak-kinds=definite \
         --num-callers=30 --log-file="$log" \
         "$cli" $command "$plan" >/dev/null 2>&1; then
      echo "ok $n $name"
    else
      echo "not ok $n $name"
      sed 's/^/# /' "$log"
    fi
    rm -f "$log"
  done
done
