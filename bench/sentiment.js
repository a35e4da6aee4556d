// sentiment.js - the comparison side of `make bench`: the npm `sentiment`
// package (AFINN word list) run over the same JSONL corpus as
// `hamdel score --jsonl`, measured the same way.
//
//   node bench/sentiment.js CORPUS.jsonl|- [NODE_PREFIX] >/dev/null
//
// Streams the corpus line by line; per line it parses the JSON, runs
// analyze() on "reply" and writes one JSON result line to stdout. At the end
// it prints ONE JSON line to stderr with the keys of `hamdel score --stats`:
// replies, errors, bytes, seconds, replies_per_s, mb_per_s, score_p50_us,
// score_p99_us (analyze() alone), line_p50_us, line_p99_us (parse + analyze
// + serialise) and maxrss_kb. NODE_PREFIX is where `npm install --prefix`
// put the package (bench/run.sh uses BUILD/bench/node); without it, a plain
// require('sentiment'). Exit 3 when the package cannot be loaded.
'use strict';

const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

function loadSentiment(prefix) {
  const name = prefix ? path.resolve(prefix, 'node_modules', 'sentiment') : 'sentiment';
  try {
    return new (require(name))();
  } catch (e) {
    process.stderr.write(`sentiment.js: cannot load ${name}: ${e.message}\n`);
    process.exit(3);
  }
}

// Calls onLine(buffer, start, end) for each line of fd, reading 1 MiB at a time.
function eachLine(fd, onLine) {
  const chunk = Buffer.allocUnsafe(1 << 20);
  let rest = Buffer.alloc(0);
  let bytes = 0;
  for (;;) {
    const n = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    bytes += n;
    const buf = rest.length ? Buffer.concat([rest, chunk.subarray(0, n)]) : chunk.subarray(0, n);
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
      onLine(buf, start, nl);
      start = nl + 1;
    }
    rest = Buffer.from(buf.subarray(start));
  }
  if (rest.length) onLine(rest, 0, rest.length);
  return bytes;
}

// Output is collected and written in blocks, as a C program's stdio would.
function makeWriter() {
  let parts = [];
  let size = 0;
  const flush = () => {
    if (parts.length) fs.writeSync(1, parts.join(''));
    parts = [];
    size = 0;
  };
  const write = (s) => {
    parts.push(s);
    size += s.length;
    if (size >= 65536) flush();
  };
  return { write, flush };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function timesUs(list) {
  const a = Float64Array.from(list);
  a.sort();
  return { p50: percentile(a, 0.5), p99: percentile(a, 0.99) };
}

function run(corpus, prefix) {
  const analyzer = loadSentiment(prefix);
  const fd = corpus === '-' ? 0 : fs.openSync(corpus, 'r');
  const out = makeWriter();
  const scoreUs = [];
  const lineUs = [];
  let replies = 0;
  let errors = 0;
  const t0 = performance.now();
  const bytes = eachLine(fd, (buf, s, e) => {
    const a = performance.now();
    let o;
    try {
      o = JSON.parse(buf.toString('utf8', s, e));
    } catch (err) {
      errors++;
      out.write(`{"error":${JSON.stringify(err.message)}}\n`);
      return;
    }
    if (!o || typeof o.reply !== 'string') {
      errors++;
      out.write('{"error":"no reply"}\n');
      return;
    }
    const b = performance.now();
    const r = analyzer.analyze(o.reply);
    const c = performance.now();
    out.write(JSON.stringify({ id: o.id, score: r.score, comparative: r.comparative }) + '\n');
    scoreUs.push((c - b) * 1000);
    lineUs.push((performance.now() - a) * 1000);
    replies++;
  });
  out.flush();
  const seconds = (performance.now() - t0) / 1000;
  return { replies, errors, bytes, seconds, scoreUs, lineUs };
}

function report(m) {
  const s = timesUs(m.scoreUs);
  const l = timesUs(m.lineUs);
  const round = (x, d) => Number(x.toFixed(d));
  const stats = {
    replies: m.replies,
    errors: m.errors,
    bytes: m.bytes,
    seconds: round(m.seconds, 4),
    replies_per_s: round(m.replies / m.seconds, 0),
    mb_per_s: round(m.bytes / 1e6 / m.seconds, 2),
    score_p50_us: round(s.p50, 2),
    score_p99_us: round(s.p99, 2),
    line_p50_us: round(l.p50, 2),
    line_p99_us: round(l.p99, 2),
    maxrss_kb: process.resourceUsage().maxRSS,
  };
  process.stderr.write(JSON.stringify(stats) + '\n');
}

function main() {
  const [corpus, prefix] = process.argv.slice(2);
  if (!corpus) {
    process.stderr.write('usage: node bench/sentiment.js CORPUS.jsonl|- [NODE_PREFIX]\n');
    process.exit(2);
  }
  report(run(corpus, prefix));
}

main();
