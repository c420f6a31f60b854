# Helpers for the benchmark scripts (sourced; expects SHARED, TMPROOT and QUERIES set, die defined).

# dig, dnsperf, knotd, unbound: on a fresh machine the scripts would wait for answers from a dig
# that is not there, so the tests' own installer runs first (it returns at once when all are in).
"$(dirname "${BASH_SOURCE[0]}")/../scripts/install-test-deps.sh" >&2

# free_port: a loopback port free for both UDP and TCP just now, below the kernel's ephemeral range
# as the daemon's own port 0 is (dns/QuietPorts): dig, which the scripts poll with, sets
# SO_REUSEPORT on its source socket and could otherwise be given a server's port and read its own
# query back.
free_port() {
  python3 - <<'PY'
import random, socket
low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
while True:
    p = random.randrange(1024, low) if low > 2048 else 0
    t = socket.socket(); u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        t.bind(("127.0.0.1", p)); p = t.getsockname()[1]
        u.bind(("127.0.0.1", p)); print(p); break
    except OSError:
        pass
    finally:
        u.close(); t.close()
PY
}

rss_kb() { ps -o rss= -p "$1" 2>/dev/null | tr -d ' '; }

# hwm_kb PID: the process's peak RSS since it started (VmHWM), start-up and JIT warm-up included.
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null; }

# rss_watch PID FILE: samples VmRSS every 0.2 s until killed or PID exits, keeping the largest
# figure (kB) in FILE. Run it in the background around a measured run; rss_peak FILE reads it.
rss_watch() {
  local pid=$1 file=$2 max=0 v
  echo 0 > "$file"
  while v=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) && [ -n "$v" ]; do
    if [ "$v" -gt "$max" ]; then max=$v; echo "$max" > "$file"; fi
    sleep 0.2
  done
}
rss_peak() { cat "$1" 2>/dev/null || echo 0; }

# host_speed: seconds a 10-million-step Python loop takes just now. The microVMs these figures come
# from ran the same loop in 0.47 s and in 1.5 s on the same day (docs/performance.md), so every
# absolute figure is printed beside this one; only interleaved runs compare builds.
host_speed() {
  python3 -c 'import time
t = time.perf_counter(); s = 0
for i in range(10_000_000): s += i
print("%.2f" % (time.perf_counter() - t))'
}

stop_pid() {  # TERM, wait up to 5 s, then KILL: only the pid we started
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

build_wayfinder() {  # build_wayfinder ROOT (SKIP_BUILD=1: use the jar as it is)
  [ "${SKIP_BUILD:-0}" = 1 ] && return 0
  echo "building Wayfinder..." >&2
  (cd "$1" && ./mvnw -q -B -o -DskipTests package 2>/dev/null || ./mvnw -q -B -DskipTests package) \
    >&2 || die "build failed"
}

build_jmh() {  # build_jmh ROOT: the jar with the JMH benchmarks and probes (-Pjmh); offline first,
  # then online for a fresh machine that has not fetched the profile's plugins yet
  (cd "$1" && { ./mvnw -q -B -o -Pjmh -DskipTests package >/dev/null 2>&1 \
    || ./mvnw -q -B -Pjmh -DskipTests package; }) >&2 || { echo "build failed" >&2; exit 1; }
}

# run_probe ROOT CLASS ARGS...: builds with -Pjmh (SKIP_BUILD=1: as it is), prints `uptime`, then
# runs the in-process probe CLASS under -Xmx$HEAP (512m), $GC (ZGC) and $JIT (the launcher's
# compile commands; JIT= runs without them) in place of the shell.
run_probe() {
  local root=$1 class=$2; shift 2
  source "$root/scripts/jdk.sh"
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    build_jmh "$root"
  fi
  uptime
  local jit="-XX:CompileCommandFile=$root/scripts/jit-commands"
  exec "$JAVA_HOME/bin/java" "${JAVA_FLAGS[@]}" "-Xmx${HEAP:-512m}" ${GC:--XX:+UseZGC} ${JIT-$jit} \
    -cp "$root/target/wayfinder.jar:$root/target/lib/*" "$class" "$@"
}

# start_wayfinder ROOT CONFIG LOG PORT NAME: starts it through the launcher (so its JVM flags are
# the ones measured), waits until NAME answers, prints the pid.
start_wayfinder() {
  local root=$1 config=$2 log=$3 port=$4 name=$5 pid
  "$root/wayfinder" serve --config "$config" > "$log" 2>&1 < /dev/null &
  pid=$!
  await_wayfinder "$pid" "$log" "$port" "$name"
  echo "$pid"
}

# await_wayfinder PID LOG PORT NAME [PATTERN]: waits up to a minute until dig's answer for NAME on
# PORT matches PATTERN (grep; default a NOERROR status); dies (after stopping PID) when the process
# exits first or never answers.
await_wayfinder() {
  local pid=$1 log=$2 port=$3 name=$4 pattern=${5:-'status: NOERROR'}
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$log" >&2; die "wayfinder exited during startup"; }
    if dig +tries=1 +time=1 -p "$port" @127.0.0.1 "$name" A 2>/dev/null \
        | grep -q "$pattern"; then return 0; fi
    sleep 0.2
  done
  tail -20 "$log" >&2; stop_pid "$pid"; die "wayfinder did not answer on port $port"
}

# write_forward_config OUT PORT ADMIN_PORT DATA_DIR UPSTREAM_PORT: a Wayfinder whose own zone is
# wf.local (one service), forwarding everything else, svc.cluster.local included, to the upstream.
write_forward_config() {
  cat > "$1" <<EOF
# generated by bench/run-all.sh: a caching forwarder in front of Knot
dns:
  listen: ["127.0.0.1:$2"]
  zone: wf.local
  reverse: false
  forward:
    upstreams: ["127.0.0.1:$5"]
    allow_from: ["127.0.0.0/8"]
    cache: {max_entries: 100000, max_ttl: 1h, negative_ttl: 30s}
    timeout: 2s
admin:
  listen: "127.0.0.1:$3"
data_dir: "$4"
query_log: {mode: "off"}
services:
  - name: placeholder
    endpoints: [{address: 10.0.0.1}]
EOF
}

cpu_split() {  # cpu_split PID: "total main jit gc" CPU seconds of a JVM so far, by thread name
  local hz; hz=$(getconf CLK_TCK)
  { awk '{sub(/.*\) /, ""); print "total", $12 + $13}' "/proc/$1/stat"
    for t in /proc/"$1"/task/*; do
      printf '%s ' "$(tr ' ' _ < "$t/comm" 2>/dev/null)"
      awk '{sub(/.*\) /, ""); print $12 + $13}' "$t/stat" 2>/dev/null || echo 0
    done
  } | awk -v hz="$hz" '$1 == "total" {tot = $2; next}
      $1 == "java" {m += $2} $1 ~ /^C[12]_Compiler/ {j += $2} $1 ~ /^(Z|GC_|G1|VM_Thread)/ {g += $2}
      END {printf "%.1f %.1f %.1f %.1f\n", tot / hz, m / hz, j / hz, g / hz}'
}

proc_ticks() {  # utime+stime (clock ticks) of a process and its descendants (NSD forks its server)
  local t=0 c v
  v=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $12+$13}'); t=${v:-0}
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do t=$((t + $(proc_ticks "$c"))); done
  echo "$t"
}

# fixed_rate_run LABEL PORT PID RATE DURATION: dnsperf -Q RATE with per-query latencies (-v), one
# summary line with percentiles and the server's CPU per answered query.
fixed_rate_run() {
  local label=$1 port=$2 pid=$3 rate=$4 dur=$5 out t0 t1
  out="$TMPROOT/results/${label}-fixed${rate}-$(date +%Y%m%d-%H%M%S).txt"
  mkdir -p "$TMPROOT/results"
  t0=$(proc_ticks "$pid")
  dnsperf -s 127.0.0.1 -p "$port" -d "$QUERIES" -c 4 -T 1 -q 100 -Q "$rate" -l "$dur" -v \
    > "$out" 2>&1 || true
  t1=$(proc_ticks "$pid")
  awk '/^> /{print $NF}' "$out" | sort -g | awk -v label="$label" -v rate="$rate" \
      -v ticks=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v f="$out" \
      -v lost="$(awk '/Queries lost:/{print $3}' "$out")" \
      -v qps="$(awk '/Queries per second:/{print $4}' "$out")" '
    { v[NR] = $1 }
    function pct(p,   i) { i = int(NR * p + 0.999999); if (i < 1) i = 1; return v[i] * 1000 }
    END { if (NR == 0) { printf "%s@%s ERROR see %s\n", label, rate, f; exit }
          printf "%s@%s qps=%.0f lost=%s p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.2f srv_us_per_q=%.2f load1=%s\n",
            label, rate, qps, lost, pct(0.5), pct(0.99), pct(0.999), v[NR] * 1000,
            ticks / hz * 1e6 / NR, "'"$(cut -d' ' -f1 /proc/loadavg)"'" }'
}

# summarize RESULTS: medians per server of the saturating runs and of the fixed-rate percentiles, and
# ratios Wayfinder/Knot, Wayfinder/NSD, Wayfinder-forwarder/Unbound.
summarize() {
  awk '
    function field(line, key) { return match(line, " " key "=[^ ]+") ? substr(line, RSTART + length(key) + 2, RLENGTH - length(key) - 2) : "" }
    function median(list,   a, n, i, j, t) {
      n = split(list, a, " "); if (n == 0) return ""
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    $1 ~ /@/ { split($1, k, "@"); s = k[1]; fn[s]++
               for (k2 = 1; k2 <= 4; k2++) { key = fkeys[k2]; facc[s, key] = facc[s, key] " " field($0, key) }
               next }
    / qps=/ { s = $1; if (!(s in n)) order[++ns] = s; n[s]++
              for (k2 = 1; k2 <= 6; k2++) { key = keys[k2]; acc[s, key] = acc[s, key] " " field($0, key) } }
    BEGIN { split("qps avg_ms sd_ms lost srv_us_per_q rss_kb", keys, " "); split("p50_ms p99_ms lost srv_us_per_q", fkeys, " ") }
    END {
      printf "%-10s %4s %8s %7s %6s %6s %8s %7s | %8s %8s %5s %8s\n", "server", "runs", "qps", "avg_ms", "sd_ms",
             "lost", "srv_us/q", "rss_MB", "p50_ms", "p99_ms", "lost", "us/q", "at fixed rate"
      for (i = 1; i <= ns; i++) { s = order[i]
        for (k2 = 1; k2 <= 6; k2++) m[s, keys[k2]] = median(acc[s, keys[k2]])
        if (s in fn) { p50[s] = sprintf("%.3f", median(facc[s, "p50_ms"])); p99[s] = sprintf("%.3f", median(facc[s, "p99_ms"]))
                       flost[s] = median(facc[s, "lost"]); fus[s] = sprintf("%.2f", median(facc[s, "srv_us_per_q"])) }
        printf "%-10s %4d %8.0f %7.3f %6.3f %6d %8.2f %7.0f | %8s %8s %5s %8s\n", s, n[s], m[s, "qps"], m[s, "avg_ms"],
               m[s, "sd_ms"], m[s, "lost"], m[s, "srv_us_per_q"], m[s, "rss_kb"] / 1024, p50[s], p99[s], flost[s], fus[s] }
      ratio("wayfinder", "knot"); ratio("wayfinder", "nsd"); ratio("wf-fwd", "unbound")
    }
    function ratio(a, b) {
      if (!(a in n) || !(b in n) || m[b, "qps"] == 0 || m[b, "srv_us_per_q"] == 0) return
      printf "%-15s %8.2f %7.2f %6s %6s %8.2f %7.2f | %8s %8s\n", a "/" b, m[a, "qps"] / m[b, "qps"],
             m[a, "avg_ms"] / m[b, "avg_ms"], "", "", m[a, "srv_us_per_q"] / m[b, "srv_us_per_q"],
             m[a, "rss_kb"] / m[b, "rss_kb"], (p50[b] > 0 ? sprintf("%.2f", p50[a] / p50[b]) : ""),
             (p99[b] > 0 ? sprintf("%.2f", p99[a] / p99[b]) : "")
    }' "$1"
}
