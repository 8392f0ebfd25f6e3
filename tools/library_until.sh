#!/bin/bash
# library_until.sh HOME TEXT [W H]: launch duet (DUET, default target/release/duet) on the library HOME in
# tmux at WxH, poll the screen every 20 ms and print the ms until TEXT is on it (e.g. "Library (9103)":
# the row count once the translation pairs are in), with the RSS then; then quit.
home=$1; text=$2; w=${3:-120}; h=${4:-40}
tmux kill-session -t until 2>/dev/null
t0=$(date +%s%N)
tmux new-session -d -s until -x $w -y $h "env DUET_HOME=$home DUET_CONFIG=/nonexistent ${DUET:-target/release/duet}"
while ! tmux capture-pane -t until -p 2>/dev/null | grep -qF -- "$text"; do
  sleep 0.02
  if [ $(( ($(date +%s%N) - t0) / 1000000 )) -gt 120000 ]; then echo timeout; break; fi
done
echo "$text after $(( ($(date +%s%N) - t0) / 1000000 )) ms; RSS $(grep VmRSS /proc/$(pgrep -f "${DUET:-target/release/duet}$" | head -1)/status 2>/dev/null | awk '{print $2}') KB"
tmux kill-session -t until
