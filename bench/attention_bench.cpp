// posenc_bench: the cost of a position scheme inside attention, per (query, key)
// pair, against the same kernel with no scheme measured in the same run.
//
//   ns/pair  = t / pairs,  pairs = H L^2 (full) or H L (L + 1) / 2 (causal: the
//              visible pairs; the fast path skips the masked key tiles)
//   vs none  = median over N rounds of t_scheme / t_none, each scheme's run paired
//              with a run of none just before it
//
// t is the calling thread's CPU time (clock_gettime(CLOCK_THREAD_CPUTIME_ID)); the
// ns/pair figure is the minimum of the N runs.
//
// The additive-bias schemes (alibi, t5, fire, relative-bias) add one table read or
// one multiply-add per pair to the same GEMMs and exponentials, so the requirement
// holds them to 1.15x of none. rope and relative are reported but not held to it:
// rope rotates copies of q and k once per head (O(L d) work, not per pair), and
// Shaw's relative scheme has d-wide vectors a_ij^K, a_ij^V per pair (the fast path
// folds them into a (2k + 1)-wide GEMM per query block and a sum of each query's
// weights by clipped distance: more than one scalar per pair).
//
// Pairing and a rotating order (round r starts at scheme r mod 6) make a slow
// stretch of a shared machine (a busy SMT sibling, say) fall on both sides of a
// ratio alike; the median drops the rounds it did not. Last, attention_reference (double
// sums, full logits) is timed at a small L for the speedup of the fast path.
//
// Exit status: 0; 1 if an additive-bias scheme is over the limit; 2 for a bad option
// or an error. Timing is never asserted in the test suites; this program is the check.
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "machine.hpp"
#include "posenc/attention.hpp"
#include "posenc/limits.hpp"
#include "posenc/rng.hpp"
#include "seeded.hpp"

using namespace posenc;
using posenc::bench::kSeed;
using posenc::bench::seeded_heads;

namespace {

constexpr double kLimit = 1.15;

struct Options {
  std::int64_t length = 4096, heads = 8, dim = 64;
  std::int64_t repeats = 7, warmup = 1;
  std::int64_t ref_length = 256;
  bool json = false;
};

[[noreturn]] void bad_option(const std::string& opt, const std::string& got, const std::string& allowed) {
  std::fprintf(stderr, "posenc_bench: %s: got %s; allowed: %s\n", opt.c_str(), got.c_str(), allowed.c_str());
  std::exit(2);
}

std::int64_t parse_int(const std::string& opt, const char* text, std::int64_t lo, std::int64_t hi) {
  const std::string range = "integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  if (text == nullptr) bad_option(opt, "nothing", range);
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || v < lo || v > hi) bad_option(opt, text, range);
  return v;
}

void print_help() {
  std::printf(
      "posenc_bench: ns per (query, key) pair of posenc::attention for every scheme, vs none\n"
      "  --length L      sequence length (default 4096)\n"
      "  --heads H       heads (default 8)\n"
      "  --dim d         head width, even (default 64)\n"
      "  --repeats N     rounds per mask: each scheme runs once per round, paired with none (default 7)\n"
      "  --warmup N      untimed runs per scheme and mask first (default 1)\n"
      "  --ref-length L  length of the fast vs attention_reference comparison (default 256)\n"
      "  --json          one JSON object instead of the tables\n");
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const char* next = i + 1 < argc ? argv[i + 1] : nullptr;
    if (a == "--help" || a == "-h") {
      print_help();
      std::exit(0);
    } else if (a == "--json") {
      o.json = true;
      continue;
    } else if (a == "--length") {
      o.length = parse_int(a, next, 1, kMaxLength);
    } else if (a == "--heads") {
      o.heads = parse_int(a, next, 1, kMaxHeads);
    } else if (a == "--dim") {
      o.dim = parse_int(a, next, 2, 4096);
      if (o.dim % 2 != 0) bad_option(a, next, "an even integer (rope rotates pairs)");
    } else if (a == "--repeats") {
      o.repeats = parse_int(a, next, 1, 1000);
    } else if (a == "--warmup") {
      o.warmup = parse_int(a, next, 0, 100);
    } else if (a == "--ref-length") {
      o.ref_length = parse_int(a, next, 1, 4096);
    } else {
      bad_option("option", a, "--length, --heads, --dim, --repeats, --warmup, --ref-length, --json, --help");
    }
    ++i;
  }
  return o;
}

struct SchemeInfo {
  AttentionScheme scheme;
  bool held;         ///< held to kLimit (additive bias)
  const char* note;  ///< why not, when not
};

const std::vector<SchemeInfo>& schemes() {
  static const std::vector<SchemeInfo> all = {
      {AttentionScheme::none, false, "baseline"},
      {AttentionScheme::alibi, true, ""},
      {AttentionScheme::t5, true, ""},
      {AttentionScheme::fire, true, ""},
      {AttentionScheme::relative_bias, true, ""},
      {AttentionScheme::relative, false, "not held: Shaw's a_ij^K, a_ij^V are per-pair vectors"},
      {AttentionScheme::rope, false, "not held: rotates q, k once per head, O(L d)"},
  };
  return all;
}

/// Seeded parameters at the CLI's defaults: T5's 32 buckets / max distance 128,
/// FIRE's defaults with a 32-wide MLP, relative and relative-bias clipped at 16.
AttentionConfig bench_config(AttentionScheme scheme, std::int64_t heads, std::int64_t dim, bool causal) {
  return seeded_attention_config(scheme, heads, dim, causal, kSeed);
}

volatile float g_sink = 0.0f;  // keeps every result alive

/// This thread's CPU time in seconds. The kernel is single-threaded and does no
/// I/O, so on an idle machine this is its wall time; on a shared one it leaves out
/// the time other processes held the core.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

template <class Fn>
double seconds(Fn&& fn) {
  const double t0 = thread_cpu_seconds();
  const AttentionResult r = fn();
  const double t1 = thread_cpu_seconds();
  g_sink = g_sink + r.output.front()(0, 0);
  return t1 - t0;
}

double min_of(std::vector<double> v) { return *std::min_element(v.begin(), v.end()); }

double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

struct Row {
  std::string mask, scheme, note;
  double pairs = 0, min_s = 0, median_s = 0, ns_per_pair = 0, ratio = 0;
  bool held = false, within = true;
};

struct RefRow {
  std::string scheme;
  double reference_s = 0, fast_s = 0;
};

std::vector<Row> time_fast_path(const Options& o) {
  const auto q = seeded_heads(o.heads, o.length, o.dim, Stream::attention_q);
  const auto k = seeded_heads(o.heads, o.length, o.dim, Stream::attention_k);
  const auto v = seeded_heads(o.heads, o.length, o.dim, Stream::attention_v);
  const auto L = static_cast<double>(o.length);
  std::vector<Row> rows;
  const std::size_t n = schemes().size();
  for (const bool causal : {false, true}) {
    std::vector<AttentionConfig> configs;
    for (const SchemeInfo& s : schemes()) configs.push_back(bench_config(s.scheme, o.heads, o.dim, causal));
    for (std::int64_t w = 0; w < o.warmup; ++w)
      for (const AttentionConfig& c : configs) seconds([&] { return attention(q, k, v, c); });
    // Round r visits the schemes from scheme r mod (n - 1), each run right after a
    // run of none: the ratio of the pair cancels drift slower than two runs.
    std::vector<std::vector<double>> times(n), ratios(n);
    for (std::int64_t r = 0; r < o.repeats; ++r)
      for (std::size_t t = 0; t + 1 < n; ++t) {
        const std::size_t i = 1 + (static_cast<std::size_t>(r) + t) % (n - 1);
        const double none = seconds([&] { return attention(q, k, v, configs[0]); });
        const double mine = seconds([&] { return attention(q, k, v, configs[i]); });
        times[0].push_back(none);
        times[i].push_back(mine);
        ratios[0].push_back(1.0);
        ratios[i].push_back(mine / none);
      }
    const double pairs = static_cast<double>(o.heads) * (causal ? L * (L + 1) / 2 : L * L);
    for (std::size_t i = 0; i < n; ++i) {
      Row row;
      row.mask = causal ? "causal" : "full";
      row.scheme = std::string(attention_scheme_name(schemes()[i].scheme));
      row.note = schemes()[i].note;
      row.pairs = pairs;
      row.min_s = min_of(times[i]);
      row.median_s = median_of(times[i]);
      row.ns_per_pair = row.min_s * 1e9 / pairs;
      row.ratio = median_of(ratios[i]);
      row.held = schemes()[i].held;
      row.within = !row.held || row.ratio <= kLimit;
      rows.push_back(row);
    }
  }
  return rows;
}

std::vector<RefRow> time_reference(const Options& o) {
  const auto q = seeded_heads(o.heads, o.ref_length, o.dim, Stream::attention_q);
  const auto k = seeded_heads(o.heads, o.ref_length, o.dim, Stream::attention_k);
  const auto v = seeded_heads(o.heads, o.ref_length, o.dim, Stream::attention_v);
  std::vector<RefRow> rows;
  for (const SchemeInfo& s : schemes()) {
    const AttentionConfig c = bench_config(s.scheme, o.heads, o.dim, false);
    std::vector<double> ref, fast;
    for (int r = 0; r < 3; ++r) {
      ref.push_back(seconds([&] { return attention_reference(q, k, v, c); }));
      fast.push_back(seconds([&] { return attention(q, k, v, c); }));
    }
    rows.push_back({std::string(attention_scheme_name(s.scheme)), min_of(ref), min_of(fast)});
  }
  return rows;
}

void print_text(const Options& o, const bench::Machine& m, const std::vector<Row>& rows,
                const std::vector<RefRow>& ref) {
  std::printf(
      "posenc_bench: attention fast path, H = %lld, L = %lld, d = %lld; thread CPU time; %lld rounds after "
      "%lld warm-up\nns/pair: the fastest run; vs none: median of the rounds' ratios to a paired run of none\n",
      static_cast<long long>(o.heads), static_cast<long long>(o.length), static_cast<long long>(o.dim),
      static_cast<long long>(o.repeats), static_cast<long long>(o.warmup));
  std::printf("machine:  %s; %u CPUs online, 1 used (the kernel is single-threaded)\n", m.cpu.c_str(), m.online);
  std::printf("compiler: %s; %s; %s\n", m.compiler.c_str(), m.build_type.c_str(), m.flags.c_str());
  if (!m.optimized) std::printf("warning: built without NDEBUG; these numbers say little\n");
  std::printf("\n%-7s %-14s %14s %10s %10s %8s %8s %6s  %s\n", "mask", "scheme", "pairs", "min ms", "median ms",
              "ns/pair", "vs none", "limit", "verdict");
  for (const Row& r : rows) {
    char limit[16] = "-";
    if (r.held) std::snprintf(limit, sizeof limit, "%.2f", kLimit);
    const std::string verdict = r.held ? (r.within ? "ok" : "OVER") : r.note;
    std::printf("%-7s %-14s %14.0f %10.1f %10.1f %8.3f %8.3f %6s  %s\n", r.mask.c_str(), r.scheme.c_str(), r.pairs,
                r.min_s * 1e3, r.median_s * 1e3, r.ns_per_pair, r.ratio, limit, verdict.c_str());
  }
  std::printf("\nfast path vs attention_reference, H = %lld, L = %lld, d = %lld, full mask, min of 3\n",
              static_cast<long long>(o.heads), static_cast<long long>(o.ref_length), static_cast<long long>(o.dim));
  std::printf("%-14s %14s %10s %9s\n", "scheme", "reference ms", "fast ms", "speedup");
  for (const RefRow& r : ref)
    std::printf("%-14s %14.2f %10.2f %8.1fx\n", r.scheme.c_str(), r.reference_s * 1e3, r.fast_s * 1e3,
                r.reference_s / r.fast_s);
}

void print_json(const Options& o, const bench::Machine& m, const std::vector<Row>& rows,
                const std::vector<RefRow>& ref) {
  using bench::json_string;
  std::printf(
      "{\"machine\":{\"cpu\":%s,\"cpus_online\":%u,\"threads_used\":1,\"compiler\":%s,\"build_type\":%s,"
      "\"flags\":%s,\"optimized\":%s},\n",
      json_string(m.cpu).c_str(), m.online, json_string(m.compiler).c_str(), json_string(m.build_type).c_str(),
      json_string(m.flags).c_str(), m.optimized ? "true" : "false");
  std::printf("\"heads\":%lld,\"length\":%lld,\"dim\":%lld,\"repeats\":%lld,\"warmup\":%lld,\"limit\":%.2f,\n",
              static_cast<long long>(o.heads), static_cast<long long>(o.length), static_cast<long long>(o.dim),
              static_cast<long long>(o.repeats), static_cast<long long>(o.warmup), kLimit);
  std::printf("\"fast\":[");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    std::printf(
        "%s\n {\"mask\":\"%s\",\"scheme\":\"%s\",\"pairs\":%.0f,\"min_ms\":%.4f,\"median_ms\":%.4f,"
        "\"ns_per_pair\":%.5f,\"vs_none\":%.5f,\"held\":%s,\"within_limit\":%s}",
        i ? "," : "", r.mask.c_str(), r.scheme.c_str(), r.pairs, r.min_s * 1e3, r.median_s * 1e3, r.ns_per_pair,
        r.ratio, r.held ? "true" : "false", r.within ? "true" : "false");
  }
  std::printf("],\n\"reference\":{\"length\":%lld,\"mask\":\"full\",\"runs\":[", static_cast<long long>(o.ref_length));
  for (std::size_t i = 0; i < ref.size(); ++i)
    std::printf("%s\n {\"scheme\":\"%s\",\"reference_ms\":%.4f,\"fast_ms\":%.4f,\"speedup\":%.3f}", i ? "," : "",
                ref[i].scheme.c_str(), ref[i].reference_s * 1e3, ref[i].fast_s * 1e3,
                ref[i].reference_s / ref[i].fast_s);
  std::printf("]}}\n");
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  try {
    const bench::Machine m = bench::describe_machine();
    const std::vector<Row> rows = time_fast_path(o);
    const std::vector<RefRow> ref = time_reference(o);
    if (o.json)
      print_json(o, m, rows, ref);
    else
      print_text(o, m, rows, ref);
    const bool all_within = std::all_of(rows.begin(), rows.end(), [](const Row& r) { return r.within; });
    if (!all_within)
      std::fprintf(stderr, "posenc_bench: an additive-bias scheme costs more than %.2fx of none\n", kLimit);
    return all_within ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "posenc_bench: %s\n", e.what());
    return 2;
  }
}
