#!/usr/bin/env bash
# bench/run.sh — time khuyenhoc against Hugo and the goldmark floor on the
# same generated articles, on this machine, in one run; print a Markdown
# table and write it, with the date and machine, to bench/results.md.
#
#   bench/run.sh            1k, 10k and 100k articles (about 5–8 minutes)
#   SIZES="1000 10000" bench/run.sh   skip 100k
#
# What is timed, each with /usr/bin/time (wall, user+sys CPU, peak RSS):
#   khuyenhoc build   on 1k, 10k and 100k articles (internal/corpus, seed $SEED);
#                     the 100k site twice, into BENCH_OUT and onto the disk
#   khuyenhoc check   on 10k: the same work without writing files
#   hugo              on the same 10k Markdown files, with bench/hugo: a minimal
#                     theme with article pages, the paginated list, tag pages,
#                     RSS and the sitemap (Debian package hugo, installed if missing)
#   floor             bench/floor: goldmark alone, every 10k article converted in
#                     parallel, nothing written — no generator can beat it
# The 10k runs are repeated $REPEAT times and the median wall time is kept.
#
# Environment: BENCH_DIR (corpora, binaries, the 100k output; default
# /tmp/khuyenhoc-bench), BENCH_OUT (where the 1k and 10k sites are written;
# default a tmpfs, /dev/shm, so that the numbers measure the generators
# rather than this disk), SEED (1), REPEAT (3), SIZES ("1000 10000 100000").
# The 100k site (2.7 GB) is written to BENCH_OUT when it has room, then to
# BENCH_DIR, on disk: the first time measures the generator, the second
# what a user waits for on this disk.
set -euo pipefail
shopt -s inherit_errexit

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/khuyenhoc-bench}
seed=${SEED:-1}
repeat=${REPEAT:-3}
sizes=${SIZES:-1000 10000 100000}
if [[ -z ${BENCH_OUT:-} ]]; then
	if [[ -d /dev/shm && -w /dev/shm ]]; then BENCH_OUT=/dev/shm/khuyenhoc-bench-out; else BENCH_OUT=$work/out; fi
fi
out=$BENCH_OUT
mkdir -p "$work/bin" "$out"
log() { printf '%s\n' "$*" >&2; }
calc() { awk "BEGIN { print $* }"; } # calc EXPR — floating point

# Tools.
sudo=
[[ $(id -u) = 0 ]] || sudo=sudo
install() { # package
	log "installing $1 (Debian package)…"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "$1" >/dev/null ||
		{ $sudo apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "$1" >/dev/null; }
}
[[ -x /usr/bin/time ]] || install time
command -v hugo >/dev/null || install hugo
log "building khuyenhoc, khuyenhoc-corpus and the floor…"
(cd "$root" && go build -o "$work/bin/khuyenhoc" ./cmd/khuyenhoc &&
	go build -o "$work/bin/khuyenhoc-corpus" ./cmd/khuyenhoc-corpus &&
	go build -o "$work/bin/floor" ./bench/floor)

# Corpora, cached by size, seed and everything they are made from; the
# theme is refreshed on every run, so a cached corpus builds with today's.
key=$(cat "$root"/internal/corpus/*.go "$root/data/provinces.toml" "$root/data/sources.toml" | sha256sum | cut -c1-16)
corpus() { # n → folder
	local n=$1 dir=$work/corpus-$1-seed$seed
	if [[ $(cat "$dir/.bench-key" 2>/dev/null) != "$key" ]]; then
		log "generating $n articles…"
		rm -f "$dir/.bench-key"
		KHUYENHOC_ROOT=$root "$work/bin/khuyenhoc-corpus" -n "$n" -seed "$seed" -out "$dir" >&2
		echo "$key" >"$dir/.bench-key"
	fi
	rm -rf "$dir/themes/default" && cp -r "$root/themes/default" "$dir/themes/default"
	# Read once before timing: the first run would otherwise read a corpus
	# the system has dropped from its cache, which this VM does within
	# minutes (100k cold: ~12 s more, bench/PROFILE.md, eleventh round).
	find "$dir" -type f -exec cat {} + >/dev/null
	echo "$dir"
}

# measure NAME CMD… — runs CMD under /usr/bin/time into a fresh output,
# appends "name wall cpu rss_kb" to $results.
results=$work/results.txt
: >"$results"
rm -f "$work"/*.log # the phases reported are this run's only
measure() {
	local name=$1
	shift
	sync
	local t=$work/time.txt
	if ! /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >"$work/$name.log" 2>&1; then
		log "FAILED: $name ($*)"
		tail -20 "$work/$name.log" >&2
		exit 1
	fi
	read -r wall user sys rss <"$t"
	echo "$name $wall $(calc "$user + $sys") $rss" >>"$results"
	log "$(printf '  %-10s %7.2f s wall %7.2f s CPU %6d MB' "$name" "$wall" "$(calc "$user + $sys")" "$((rss / 1024))")"
}
fresh() { rm -rf "$out/$1"; echo "$out/$1"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
c10k=$(corpus 10000)
hugosite=$work/hugo-10k
rm -rf "$hugosite" && mkdir -p "$hugosite"
cp -r "$root/bench/hugo/layouts" "$hugosite/"
{ echo "contentDir = \"$c10k/content\""; cat "$root/bench/hugo/config.toml"; } >"$hugosite/config.toml"

log "timing…"
for i in $(seq "$repeat"); do
	measure "floor-10k" "$work/bin/floor" "$c10k"
	measure "hugo-10k" hugo --quiet --source "$hugosite" --destination "$(fresh hugo-10k)"
	measure "build-10k" "$work/bin/khuyenhoc" build --source "$c10k" --output "$(fresh kh-10k)"
	measure "check-10k" "$work/bin/khuyenhoc" check --source "$c10k"
done
for n in $sizes; do
	[[ $n = 10000 ]] && continue
	c=$(corpus "$n")
	name=build-$((n / 1000))k dest=kh-$((n / 1000))k
	if ((n <= 10000)); then
		measure "$name" "$work/bin/khuyenhoc" build --source "$c" --output "$(fresh "$dest")"
		continue
	fi
	# A large site is built twice: into $out when it is another file
	# system with room (a tmpfs: the time is the generator's) and into
	# $work, on disk (what a user waits for there, bench/PROFILE.md).
	# Each output is removed before the next run.
	if [[ $(df -P "$out" | awk 'NR == 2 { print $1 }') != $(df -P "$work" | awk 'NR == 2 { print $1 }') ]] &&
		(($(df -Pk "$out" | awk 'NR == 2 { print $4 }') > n * 40)); then
		measure "$name-out" "$work/bin/khuyenhoc" build --source "$c" --output "$(fresh "$dest")"
		fresh "$dest" >/dev/null # its memory back before the disk run
	fi
	mkdir -p "$work/out" && rm -rf "$work/out/kh"
	measure "$name" "$work/bin/khuyenhoc" build --source "$c" --output "$work/out/kh"
	rm -rf "$work/out/kh"
done
rm -rf "$out" "$work/out"

# Report: the median of the repeated runs.
stat() { # name field(2 wall, 3 cpu, 4 rss) → median
	awk -v n="$1" -v f="$2" '$1 == n { print $f }' "$results" | sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}
ratio() { [[ -n $1 && -n $2 ]] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
row() { # label name note
	local w c m
	w=$(stat "$2" 2) c=$(stat "$2" 3) m=$(stat "$2" 4)
	[[ -z $w ]] && return
	printf '| %s | %.2f | %.2f | %d | %s |\n' "$1" "$w" "$c" "$((m / 1024))" "$3"
}
hw=$(stat hugo-10k 2) fw=$(stat floor-10k 2) bw=$(stat build-10k 2) kw=$(stat check-10k 2)
hc=$(stat hugo-10k 3) fc=$(stat floor-10k 3) bc=$(stat build-10k 3) kc=$(stat check-10k 3)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
h100=$(stat build-100k 2) m100=$(stat build-100k 4) o100=$(stat build-100k-out 2) om100=$(stat build-100k-out 4)
outfs=$(df -T "$(dirname "$out")" | awk 'NR == 2 { print $2 }') diskfs=$(df -T "$work" | awk 'NR == 2 { print $2 }')
verdict() { if [[ $(calc "($1) ? 1 : 0") = 1 ]]; then echo "**met**"; else echo "not met"; fi; }
# The build's wall time over the floor's in each round (the two run
# seconds apart), sorted: how much the verdict, a ratio of medians, owes to
# the machine's speed changing between rounds.
paired=$(awk '$1 == "floor-10k" { f[++nf] = $2 } $1 == "build-10k" { b[++nb] = $2 }
	END { for (i = 1; i <= nb && i <= nf; i++) printf "%.2f\n", b[i] / f[i] }' "$results" | sort -g | paste -sd' ')
files10=$(find "$c10k/content/news" -name '*.md' | wc -l)
kb10=$(du -sk "$c10k/content/news" | cut -f1)

{
	echo "# Benchmark results"
	echo
	echo "Written by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$root" && git diff --quiet HEAD -- . ':!bench/results.md' 2>/dev/null || echo ' with uncommitted changes')."
	echo
	echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr); $(go version | cut -d' ' -f3); $(hugo version | cut -d' ' -f1-2). Load average (1, 5, 15 min) before the run: $load_before; after: $load_after. Sites written to $outfs ($(dirname "$out")), the 100k one to $outfs and again to $diskfs ($work)."
	echo
	echo "Corpus: internal/corpus, seed $seed; 10k is $files10 articles, $((kb10 / 1024)) MB of Markdown on disk. Wall and CPU (user + sys) in seconds, peak RSS in MB; the 10k rows are the median of $repeat runs."
	echo
	echo "| run | wall s | CPU s | peak RSS MB | |"
	echo "|---|---:|---:|---:|---|"
	row "goldmark floor, 10k" floor-10k "convert only, nothing written"
	row "Hugo $(hugo version | cut -d' ' -f2 | sed 's/+.*//'), 10k" hugo-10k "minimal theme (bench/hugo)"
	row "khuyenhoc build, 1k" build-1k ""
	row "khuyenhoc build, 10k" build-10k "wall: ours/Hugo $(ratio "$bw" "$hw")×, ours/floor $(ratio "$bw" "$fw")×; CPU: $(ratio "$bc" "$hc")×, $(ratio "$bc" "$fc")×"
	row "khuyenhoc check, 10k" check-10k "no files written; wall: ours/floor $(ratio "$kw" "$fw")×; CPU: $(ratio "$kc" "$fc")×"
	row "khuyenhoc build, 100k, to $outfs" build-100k-out ""
	row "khuyenhoc build, 100k, to $diskfs" build-100k ""
	echo
	echo "When other jobs share the machine (see the load average), wall times grow with the load while CPU times move much less; the CPU ratios are then the steadier comparison."
	echo
	echo "Targets (issue #8):"
	echo
	echo "- 10k build ≤ 0.3× Hugo's wall time: $(ratio "$bw" "$hw")× — $(verdict "$bw <= 0.3 * $hw")"
	echo "- 10k build ≤ 2× the goldmark floor: $(ratio "$bw" "$fw")× — $(verdict "$bw <= 2 * $fw") (round by round, sorted: $paired)"
	if [[ -n $h100 ]]; then
		[[ -n $o100 ]] && echo "- 100k build ≤ 30 s, written to $outfs: $o100 s — $(verdict "$o100 <= 30")"
		echo "- 100k build ≤ 30 s, written to $diskfs: $h100 s — $(verdict "$h100 <= 30")"
		m100=$(printf '%s\n' "$m100" "$om100" | sort -g | tail -1)
		echo "- 100k peak RSS ≤ 1.5 GB: $((m100 / 1024)) MB — $(verdict "$m100 <= 1572864")"
	fi
	echo
	echo "Phases of the last run of each size, as khuyenhoc prints them:"
	echo
	echo '```'
	for f in build-1k build-10k check-10k build-100k-out build-100k; do
		[[ -f $work/$f.log ]] && echo "$f: $(grep -o 'time: .*' "$work/$f.log" | sed 's/time: *//')"
	done
	echo '```'
	echo
	echo "Every run (name, wall s, CPU s, peak RSS KB):"
	echo
	echo '```'
	cat "$results"
	echo '```'
} >"$root/bench/results.md"
cat "$root/bench/results.md"
