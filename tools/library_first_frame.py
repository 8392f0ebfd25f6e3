# Time from launching `duet` (no arguments, DUET_HOME=argv[1]) in a pty to the first frame
# showing the library's title; then quit with Ctrl-c. Prints the median of N runs.
import os, pty, sys, time, select, subprocess, statistics
home, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 7
exe = sys.argv[3] if len(sys.argv) > 3 else "/tmp/duet-rel"
times, rss = [], []
for _ in range(n):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(DUET_HOME=home, TERM="xterm-256color", DUET_CONFIG="/nonexistent")
        os.execv(exe, [exe])
    import fcntl, termios, struct
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    t0 = time.perf_counter(); buf = b""
    while b"Library (" not in buf:
        r, _, _ = select.select([fd], [], [], 10)
        if not r: break
        try: buf += os.read(fd, 65536)
        except OSError: break
    times.append(time.perf_counter() - t0)
    time.sleep(float(os.environ.get("WAIT","0.3")))
    try:
        with open(f"/proc/{pid}/status") as f:
            rss.append(int([l for l in f if l.startswith("VmRSS")][0].split()[1]))
    except Exception: pass
    os.write(fd, b"\x03")
    os.waitpid(pid, 0)
print(f"first frame: median {statistics.median(times)*1000:.0f} ms, min {min(times)*1000:.0f} ms; RSS after opening: {max(rss) if rss else 0} KB")
