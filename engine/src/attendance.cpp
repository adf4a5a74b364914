#include "movemap/attendance.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_scan.h>

#include <algorithm>
#include <atomic>

#include "movemap/error.hpp"

namespace movemap {
namespace {

std::vector<edge_id> exclusive_scan(const std::vector<std::uint64_t>& counts) {
  std::vector<edge_id> off(counts.size() + 1, 0);
  for (std::size_t i = 0; i < counts.size(); ++i) off[i + 1] = off[i] + counts[i];
  return off;
}

}  // namespace

Attendance build_attendance(node_id num_persons, std::uint32_t num_events,
                            std::span<const node_id> person, std::span<const std::uint32_t> event,
                            std::span<const timestamp> time) {
  const std::size_t m = person.size();
  if (event.size() != m || time.size() != m)
    throw UsageError("build_attendance: input columns differ in length");
  struct Hit {
    node_id person;
    timestamp time;
  };
  // Bucket rows by event, then sort each bucket by (person, time): the first
  // entry of each person run is its first attendance.
  std::vector<std::uint64_t> counts(num_events, 0);
  for (std::size_t i = 0; i < m; ++i) {
    if (event[i] >= num_events || person[i] >= num_persons)
      throw UsageError("build_attendance: row " + std::to_string(i) + " out of range");
    ++counts[event[i]];
  }
  std::vector<edge_id> off = exclusive_scan(counts);
  std::vector<Hit> hits(m);
  {
    std::vector<edge_id> cursor(off.begin(), off.end() - 1);
    for (std::size_t i = 0; i < m; ++i) hits[cursor[event[i]]++] = Hit{person[i], time[i]};
  }
  std::vector<std::uint64_t> distinct(num_events, 0);
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, num_events, 64), [&](const auto& r) {
    for (std::uint32_t e = r.begin(); e < r.end(); ++e) {
      std::sort(hits.begin() + off[e], hits.begin() + off[e + 1], [](const Hit& a, const Hit& b) {
        return a.person != b.person ? a.person < b.person : a.time < b.time;
      });
      std::uint64_t d = 0;
      for (auto p = off[e]; p < off[e + 1]; ++p) d += (p == off[e] || hits[p].person != hits[p - 1].person);
      distinct[e] = d;
    }
  });
  Attendance a;
  a.event_offsets = exclusive_scan(distinct);
  const std::size_t k = a.event_offsets.back();
  a.event_persons.resize(k);
  a.event_person_time.resize(k);
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, num_events, 64), [&](const auto& r) {
    for (std::uint32_t e = r.begin(); e < r.end(); ++e) {
      auto q = a.event_offsets[e];
      for (auto p = off[e]; p < off[e + 1]; ++p)
        if (p == off[e] || hits[p].person != hits[p - 1].person) {
          a.event_persons[q] = hits[p].person;
          a.event_person_time[q] = hits[p].time;
          ++q;
        }
    }
  });
  // person -> events, from the event CSR in event order (so rows are sorted).
  std::vector<std::uint64_t> per_person(num_persons, 0);
  for (const node_id p : a.event_persons) ++per_person[p];
  a.person_offsets = exclusive_scan(per_person);
  a.person_events.resize(k);
  std::vector<edge_id> cursor(a.person_offsets.begin(), a.person_offsets.end() - 1);
  for (std::uint32_t e = 0; e < num_events; ++e)
    for (auto p = a.event_offsets[e]; p < a.event_offsets[e + 1]; ++p)
      a.person_events[cursor[a.event_persons[p]]++] = e;
  return a;
}

CoAttendance project_coattendance(const Attendance& a, AttendanceWeighting weighting) {
  if (weighting == AttendanceWeighting::None) return {};
  const std::uint32_t ne = a.num_events();
  std::vector<std::uint64_t> pairs(ne);
  for (std::uint32_t e = 0; e < ne; ++e) {
    const std::uint64_t k = a.event_offsets[e + 1] - a.event_offsets[e];
    pairs[e] = k * (k ? k - 1 : 0) / 2;
  }
  const std::vector<edge_id> off = exclusive_scan(pairs);
  CoAttendance c;
  const std::size_t total = off.back();
  c.source.resize(total);
  c.target.resize(total);
  c.time.resize(total);
  c.weight.resize(total);
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, ne, 16), [&](const auto& r) {
    for (std::uint32_t e = r.begin(); e < r.end(); ++e) {
      const auto b = a.event_offsets[e], end = a.event_offsets[e + 1];
      const std::uint64_t k = end - b;
      const double w = weighting == AttendanceWeighting::Newman && k > 1 ? 1.0 / static_cast<double>(k - 1) : 1.0;
      auto q = off[e];
      for (auto i = b; i < end; ++i)
        for (auto j = i + 1; j < end; ++j) {
          c.source[q] = a.event_persons[i];
          c.target[q] = a.event_persons[j];
          c.time[q] = std::max(a.event_person_time[i], a.event_person_time[j]);
          c.weight[q] = w;
          ++q;
        }
    }
  });
  return c;
}

}  // namespace movemap
