#!/usr/bin/env bash
# Installs what the tests need, then runs the whole suite: format check, unit, integration and end-to-end tiers.
# Prints one closing line "tests: N passed, N failed, N skipped" and exits non-zero on any failure.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/setup.sh" --tests || { echo "tests: set-up failed"; exit 1; }

# The Debian guest of the cloud-init e2e test takes 5-10 min to build on a cold cache (debootstrap + apt-get):
# start it now, niced, so it overlaps the format check and the unit and integration tiers. The test runs the
# same script into the same directory, which waits on the build's lock and then finds the image cached (or, if
# this build failed, builds it again and fails with the reason).
mkdir -p "$root/.artifacts"
guest_log="$root/.artifacts/debian-guest-build.log"
nice -n 10 "$root/scripts/guests/build-debian-guest.sh" "${XDG_CACHE_HOME:-$HOME/.cache}/ursa/guests" >"$guest_log" 2>&1 &
guest_build=$!

status=0
echo "== format check" >&2
if ! dotnet format Ursa.slnx --verify-no-changes --no-restore -v quiet; then
  echo "format: dotnet format found changes (run: dotnet format Ursa.slnx)" >&2
  status=1
fi

passed=0; failed=0; skipped=0
results="$root/.artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
for project in tests/Ursa.UnitTests tests/Ursa.IntegrationTests tests/Ursa.EndToEndTests; do
  name=$(basename "$project")
  echo "== $name" >&2
  dotnet test "$project" --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" 2>&1 | tee "$results/$name.log"
  [[ ${PIPESTATUS[0]} -ne 0 ]] && status=1
  trx="$results/$name.trx"
  if [[ -f "$trx" ]]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
  else
    echo "$name: no test results written" >&2
    status=1
  fi
done
if ! wait "$guest_build"; then
  echo "guests: the early Debian guest build failed (the cloud-init e2e test retried it); its log:" >&2
  tail -n 20 "$guest_log" >&2
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[[ $failed -gt 0 || $skipped -gt 0 ]] && status=1
exit $status
