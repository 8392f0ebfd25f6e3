#!/usr/bin/env bash
# Before/after comparison of every output scripts and users see.
#
#   golden.sh OLD_DUET NEW_DUET [WORKDIR]
#
# Runs both binaries over the seeds, the extraction dev pages (gunzipped) and every align dev
# case (split into files as eval_align.py does): `parse --json`, `align` (json/tsv/tmx; one-file,
# two-file, --sentences) and `render` at several sizes and key sequences. Each run's stdout,
# stderr and exit code go to WORKDIR/{old,new}/…; prints which outputs differ (diff -r), by kind.
# Exit 0 when identical, 1 when something differs.
set -euo pipefail
OLD=$(realpath "$1"); NEW=$(realpath "$2"); WORK=${3:-$(mktemp -d /tmp/golden.XXXXXX)}
SHARED=${SHARED:-$(dirname "$0")/../../shared}
export DUET_CONFIG=/nonexistent/duet-golden.toml NO_COLOR=1
mkdir -p "$WORK/in/seeds" "$WORK/in/pages" "$WORK/in/align"
cp "$SHARED"/seeds/* "$WORK/in/seeds/"
for f in "$SHARED"/eval/extraction/html/*.html.gz; do
  b=$(basename "$f" .gz); gzip -dc "$f" > "$WORK/in/pages/$b"
done
python3 - "$SHARED/eval/align/dev.jsonl" "$WORK/in/align" <<'PY'
import json, os, sys
cases, out = sys.argv[1], sys.argv[2]
for line in open(cases, encoding="utf-8"):
    if not line.strip(): continue
    c = json.loads(line); d = os.path.join(out, c["id"]); os.makedirs(d, exist_ok=True)
    w = lambda n, t: open(os.path.join(d, n), "w", encoding="utf-8").write(t)
    w("ko_sentences.txt", "\n".join(c["ko_sentences"]) + "\n")
    w("en_sentences.txt", "\n".join(c["en_sentences"]) + "\n")
    w("ko.txt", "\n\n".join(c["ko"]) + "\n"); w("en.txt", "\n\n".join(c["en"]) + "\n")
    en_first = c.get("meta", {}).get("order", "en_first") == "en_first"
    first, second = (c["en"], c["ko"]) if en_first else (c["ko"], c["en"])
    w("article.txt", "\n\n".join(first + second) + "\n")
PY
IN="$WORK/in"
# run BIN OUTFILE ARGS…: stdout, then stderr and the exit code, in one file.
run() {
  local bin=$1 out=$2; shift 2
  mkdir -p "$(dirname "$out")"
  local rc=0
  (cd "$IN" && "$bin" "$@") >"$out" 2>"$out.err" || rc=$?
  echo "exit $rc" >>"$out.err"
}
sizes=("80x24" "120x40" "200x50" "41x12")
keyseqs=("" "j j j" "s j j j" "v" "v v s j" "G" "C-d C-d" "s j x" "< < s j" "?")
for side in old new; do
  bin=$OLD; [[ $side == new ]] && bin=$NEW
  O="$WORK/$side"
  for f in "$IN"/seeds/* "$IN"/pages/*; do
    rel=${f#"$IN"/}
    run "$bin" "$O/parse/$rel.json" parse --json "$rel"
    run "$bin" "$O/align/$rel.json" align "$rel" --json
  done
  for f in "$IN"/seeds/*; do
    rel=${f#"$IN"/}
    for fmt in tsv tmx; do run "$bin" "$O/align/$rel.$fmt" align "$rel" --format "$fmt"; done
    for s in "${sizes[@]}"; do
      for k in "${keyseqs[@]}"; do
        run "$bin" "$O/render/$rel/$s/${k// /_}.txt" render --size "$s" --keys "$k" "$rel"
      done
    done
  done
  for s in "${sizes[@]}"; do
    for k in "" "j j Enter" "G Enter s j j" "j Enter <Tab> j" "Enter q j"; do
      run "$bin" "$O/render/library/$s/${k// /_}.txt" render --size "$s" --keys "$k" seeds
    done
  done
  for d in "$IN"/align/*/; do
    id=$(basename "$d"); a="align/$id"
    run "$bin" "$O/parse/$a/article.json" parse --json "$a/article.txt"
    for fmt in json tsv tmx; do
      run "$bin" "$O/align/$a/one.$fmt" align "$a/article.txt" --format "$fmt"
      run "$bin" "$O/align/$a/two.$fmt" align "$a/ko.txt" "$a/en.txt" --format "$fmt"
      run "$bin" "$O/align/$a/sentences.$fmt" align --sentences "$a/ko_sentences.txt" "$a/en_sentences.txt" --format "$fmt"
    done
    for k in "" "s j j j" "v s j"; do
      run "$bin" "$O/render/$a/120x40/${k// /_}.txt" render --size 120x40 --keys "$k" "$a/article.txt"
    done
  done
done
echo "outputs in $WORK/{old,new}; inputs in $WORK/in"
total=$(find "$WORK/old" -type f | wc -l)
changed=$(diff -rq "$WORK/old" "$WORK/new" | sed -e "s|^Files $WORK/old/||" -e 's| and .*||' || true)
if [[ -z $changed ]]; then
  echo "identical: $total files"
  exit 0
fi
echo "differ: $(echo "$changed" | wc -l) of $total files"
echo "$changed" | awk -F/ '{print $1}' | sort | uniq -c
echo "$changed"
exit 1
