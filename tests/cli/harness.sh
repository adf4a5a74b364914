# Shared by the tests/cli/*_test.sh scripts (source it): a temporary folder
# $T removed on exit, check NAME CONDITION... counting passes and failures,
# and finish, which prints the counts and sets the exit status.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0; passes=0
check() {  # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then passes=$((passes+1)); else echo "FAIL: $name"; fails=$((fails+1)); fi
}
finish() {
  echo "$passes passed, $fails failed"
  test "$fails" -eq 0
}
