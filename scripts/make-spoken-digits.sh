#!/usr/bin/env bash
# Synthesises the shipped spoken-digit dataset, datasets/spoken-digits/, with espeak-ng and sox.
#
#   apt-get install espeak-ng sox        # Debian 12: espeak-ng 1.51, sox 14.4.2
#   scripts/make-spoken-digits.sh [OUT]  # default OUT: datasets/spoken-digits
#
# Files are named {digit}_{speaker}_{index}.wav as in the Free Spoken Digit Dataset: 8 kHz, mono,
# 16-bit signed PCM, silence trimmed to 50 ms at each end. A "speaker" is one espeak-ng voice
# (accent) with one voice variant (timbre); the index varies the speaking rate, the pitch and what
# sox does to the recording. Everything is deterministic (sox -R, no random numbers), so a rerun
# with the same espeak-ng and sox gives the same files.
set -euo pipefail
out=${1:-"$(dirname "$0")/../datasets/spoken-digits"}
for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install espeak-ng sox" >&2; exit 2; }
done
mkdir -p "$out"
rm -f "$out"/*.wav "$out"/files.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# speaker name (no underscores) -> espeak-ng voice+variant
speakers=(
  "usm3:en-us+m3"
  "gbf2:en-gb+f2"
  "scotm1:en-gb-scotland+m1"
  "rpf4:en-gb-x-rp+f4"
  "caribm7:en-029+m7"
  "lancf3:en-gb-x-gbclan+f3"
  "nycklatt:en-us-nyc+klatt"
  "wmidm5:en-gb-x-gbcwmd+m5"
  "usf5:en-us+f5"
  "gbcroak:en-gb+croak"
)
words=(zero one two three four five six seven eight nine)
# per index: words per minute, pitch (0-99), then what sox does after resampling
rates=(150 175 130 195 160 140)
pitches=(50 35 65 45 70 25)
effects=(
  ""
  "tempo 1.04"
  "reverb 40 50 60"
  "gain -n -12"
  "noise"
  "reverb 25 50 40 tempo 0.95"
)

for entry in "${speakers[@]}"; do
  name=${entry%%:*}
  voice=${entry#*:}
  for digit in "${!words[@]}"; do
    for index in "${!rates[@]}"; do
      raw="$tmp/raw.wav"
      espeak-ng -v "$voice" -s "${rates[$index]}" -p "${pitches[$index]}" -w "$raw" "${words[$digit]}"
      base="$tmp/base.wav"
      # 8 kHz mono 16-bit; trim leading and trailing silence (below 1% for 20 ms), then pad 50 ms
      sox -R -V1 "$raw" -r 8000 -c 1 -b 16 "$base" \
        silence 1 0.02 1% reverse silence 1 0.02 1% reverse pad 0.05 0.05
      target="$out/${digit}_${name}_${index}.wav"
      case "${effects[$index]}" in
        "") cp "$base" "$target" ;;
        noise)
          # white noise about 20 dB below the speech's RMS level
          rms=$(sox "$base" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')
          len=$(soxi -D "$base")
          sox -R -V1 -n -r 8000 -c 1 -b 16 "$tmp/noise.wav" synth "$len" whitenoise \
            vol "$(awk -v r="$rms" 'BEGIN {print r * 0.1 * 1.732}')"
          sox -R -V1 -m "$base" "$tmp/noise.wav" -b 16 "$target" ;;
        *) sox -R -V1 "$base" -b 16 "$target" ${effects[$index]} ;;
      esac
    done
  done
  echo "$name: $(ls "$out" | grep -c "_${name}_") files" >&2
done
# the list rnnkit reads to find the files inside its jar
(cd "$out" && ls -- *.wav | sort -t_ -k2,2 -k1,1n -k3,3n > files.txt)
