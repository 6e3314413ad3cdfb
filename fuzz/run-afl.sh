#!/usr/bin/env bash
# Coverage-guided fuzzing of one target with AFL++ and SharpFuzz, for a bounded time.
#   fuzz/run-afl.sh cpuset|capabilities [SECONDS] [--keep]
# Builds Nova.Resources.Fuzz into fuzz/artifacts/<target>/bin, instruments the library assemblies there with the
# sharpfuzz tool (fuzz/dotnet-tools.json), runs afl-fuzz on fuzz/corpus/<target> (+ fuzz/corpus/<target>-grown)
# for SECONDS (default 300), then copies the queue AFL++ grew into fuzz/corpus/<target>-grown and any crash or
# hang into fuzz/findings/<target>. Prints AFL++'s final stats. See fuzz/README.md.
set -euo pipefail

target="${1:?usage: fuzz/run-afl.sh cpuset|capabilities [SECONDS]}"
seconds="${2:-300}"
case "$target" in
  cpuset) assemblies=(Nova.Resources.dll) ;;
  capabilities) assemblies=(Nova.Resources.dll Nova.Resources.Libvirt.dll) ;;
  *) echo "unknown target: $target" >&2; exit 2 ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash "$root/tests/install-deps.sh" afl++

work="$here/artifacts/$target"
bin="$work/bin"
rm -rf "$work"
mkdir -p "$work"
dotnet build "$here/Nova.Resources.Fuzz" -c Release -nologo -v quiet -o "$bin"
(cd "$here" && dotnet tool restore >/dev/null)
for assembly in "${assemblies[@]}"; do
  (cd "$here" && dotnet tool run sharpfuzz "$bin/$assembly")
done

# The seeds, plus what earlier runs grew (AFL++ needs one directory).
inputs="$work/inputs"
mkdir -p "$inputs"
cp "$here/corpus/$target"/* "$inputs/"
if [ -d "$here/corpus/$target-grown" ]; then
  cp "$here/corpus/$target-grown"/* "$inputs/" 2>/dev/null || true
fi

# dotnet itself is not instrumented (SharpFuzz reports coverage through AFL's shared memory); no core dumps here.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
export AFL_FORKSRV_INIT_TMOUT=60000
afl-fuzz -V "$seconds" -i "$inputs" -o "$work/out" -x "$here/dict/$target.dict" -t 5000 -m none \
  -- dotnet "$bin/Nova.Resources.Fuzz.dll" "$target" >"$work/afl.log" 2>&1 || {
  echo "afl-fuzz failed; see $work/afl.log" >&2
  tail -n 30 "$work/afl.log" >&2
  exit 1
}

stats="$work/out/default/fuzzer_stats"
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg|edges_found) ' "$stats"

# Keep the grown queue (small inputs only) and any finding.
grown="$here/corpus/$target-grown"
mkdir -p "$grown"
find "$work/out/default/queue" -maxdepth 1 -type f -size -16k | while read -r file; do
  cp "$file" "$grown/$(sha1sum "$file" | cut -c1-16)"
done
for kind in crashes hangs; do
  if compgen -G "$work/out/default/$kind/id:*" >/dev/null; then
    mkdir -p "$here/findings/$target/$kind"
    cp "$work/out/default/$kind"/id:* "$here/findings/$target/$kind/"
    echo "AFL++ saved $kind: see fuzz/findings/$target/$kind" >&2
  fi
done
echo "grown corpus: $(find "$grown" -type f | wc -l) files, $(cat "$grown"/* | wc -c) bytes"
