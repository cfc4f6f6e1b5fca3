#!/usr/bin/env bash
# Coverage-guided fuzzing of one PDF entry point with SharpFuzz and afl-fuzz (never part of ./test).
#   bench/fuzz/run-fuzz.sh inspect|verify|reader SECONDS
# Builds bench/fuzz/Justera.Fuzz into its own folder, instruments Justera.Documents (and PdfPig for
# `inspect`), seeds from samples/, bench/fuzz/seeds/ and the tests' hostile files, runs one afl-fuzz
# instance at low priority for SECONDS, then prints executions, corpus, crashes and hangs.
# Findings stay in bench/fuzz/.work/TARGET/findings (ignored by git); keep each one as a regression test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
target=${1:?usage: run-fuzz.sh inspect|verify|reader SECONDS}
seconds=${2:?usage: run-fuzz.sh inspect|verify|reader SECONDS}
case $target in inspect | verify | reader) ;; *) echo "unknown target $target" >&2; exit 2 ;; esac

repo=$(cd ../.. && pwd)
work=$PWD/.work/$target
tools=$PWD/.work/tools
bin=$work/bin

command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: apt-get install -y afl++" >&2; exit 1; }
if [[ ! -x $tools/sharpfuzz ]]; then
    # A local tool path, so nothing is installed for the whole machine.
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools"
fi

# A fresh build each run: instrumenting rewrites the assemblies in place, and twice would not work.
rm -rf "$bin"
dotnet build "$PWD/Justera.Fuzz/Justera.Fuzz.csproj" -c Release -o "$bin" -p:UseSharedCompilation=false >"$work.build.log" 2>&1 \
    || { cat "$work.build.log" >&2; exit 1; }
instrument=("$bin/Justera.Documents.dll")
# The inspector's work happens mostly inside PdfPig, so its coverage guides that target too.
[[ $target == inspect ]] && instrument+=("$bin"/UglyToad.PdfPig*.dll)
for assembly in "${instrument[@]}"; do
    "$tools/sharpfuzz" "$assembly" >/dev/null
done

seeds=$work/seeds
rm -rf "$seeds" && mkdir -p "$seeds"
cp "$repo"/samples/*.pdf "$PWD"/seeds/*.pdf "$seeds"/ 2>/dev/null || true
find "$repo"/tests/Justera.Documents.Tests/TestData -name "*.pdf" -exec cp {} "$seeds"/ \;
# afl-fuzz refuses seeds over 1 MB.
find "$seeds" -size +1000k -delete

findings=$work/findings
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
# A new run continues an earlier one's corpus ("-i -") when there is one.
input=$seeds
[[ -d $findings/default/queue ]] && input=-
# -t: an input that runs over 2 s (1 s is the rule, the margin is for a shared, niced machine) is a hang.
nice -n 19 afl-fuzz -i "$input" -o "$findings" -t 2000 -m none -V "$seconds" -- dotnet "$bin/Justera.Fuzz.dll" "$target" >"$work.afl.log" 2>&1 || {
    tail -n 30 "$work.afl.log" >&2
    exit 1
}

stats=$findings/default/fuzzer_stats
stat() { sed -n "s/^$1 *: *//p" "$stats"; }
echo "target $target: $(stat execs_done) executions in $(stat run_time) s, corpus $(stat corpus_count) (found $(stat corpus_found)), crashes $(stat saved_crashes), hangs $(stat saved_hangs)"
ls "$findings"/default/crashes "$findings"/default/hangs 2>/dev/null | grep -v README || true
