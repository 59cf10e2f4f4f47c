#!/usr/bin/env bash
# Spoken digits from outside the shipped dataset, for checking a model on voices it never heard:
# a human speaker (Allison Smith's Asterisk prompts, CC-BY-SA 3.0) and Festival's diphone voice
# kal (made from recordings of a human), written as {digit}_{speaker}_0.wav at 8 kHz mono 16-bit.
#
#   apt-get install asterisk-core-sounds-en-wav festival festvox-kallpc16k sox
#   scripts/outside-voices.sh DIR
#   java -jar target/rnnkit.jar speech predict --model rnnkit-speech/model.npz DIR/*.wav
#
# Nothing here is committed: the recordings stay under their own licences in their packages.
set -euo pipefail
out=${1:?give an output folder}
digits=/usr/share/asterisk/sounds/en/digits
for tool in text2wave sox; do
  command -v "$tool" >/dev/null || { echo "needs $tool: see the apt-get line above" >&2; exit 2; }
done
[ -d "$digits" ] || { echo "needs $digits: apt-get install asterisk-core-sounds-en-wav" >&2; exit 2; }
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
words=(zero one two three four five six seven eight nine)
for d in "${!words[@]}"; do
  sox -V1 "$digits/$d.wav" -r 8000 -c 1 -b 16 "$out/${d}_allison_0.wav"
  echo "${words[$d]}" | text2wave -o "$tmp/kal.wav"
  sox -V1 "$tmp/kal.wav" -r 8000 -c 1 -b 16 "$out/${d}_festivalkal_0.wav"
done
ls "$out"
