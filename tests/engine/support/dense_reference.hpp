// Deliberately simple dense-matrix references for the spectral measures
// (eigenvector, PageRank, Katz): an n x n adjacency matrix built from the
// std::map tie aggregation of random_graphs.hpp (no CSR), textbook power
// iteration and Gaussian elimination. O(n^2) memory, O(n^3) time: for test
// graphs of a few hundred nodes.
#pragma once
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include "random_graphs.hpp"

namespace movemap::testing {

using DenseMatrix = std::vector<std::vector<double>>;

// A[u][v] = weight of the tie u -> v (1 when unweighted). Undirected: A is
// symmetric and a self-loop {u,u} gives A[u][u] = weight, once (networkx's
// adjacency matrix of a Graph).
inline DenseMatrix dense_adjacency(const RandomInteractions& r, bool directed, bool weighted) {
  DenseMatrix a(r.n, std::vector<double>(r.n, 0.0));
  for (const auto& [pair, tie] : reference_ties(r, directed)) {
    const double w = weighted ? tie.weight : 1.0;
    a[pair.first][pair.second] = w;
    if (!directed) a[pair.second][pair.first] = w;
  }
  return a;
}

// Solves m x = b by Gaussian elimination with partial pivoting.
inline std::vector<double> dense_solve(DenseMatrix m, std::vector<double> b) {
  const std::size_t n = b.size();
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    for (std::size_t row = col + 1; row < n; ++row)
      if (std::abs(m[row][col]) > std::abs(m[pivot][col])) pivot = row;
    if (m[pivot][col] == 0) throw std::runtime_error("dense_solve: singular matrix");
    std::swap(m[col], m[pivot]);
    std::swap(b[col], b[pivot]);
    for (std::size_t row = col + 1; row < n; ++row) {
      const double f = m[row][col] / m[col][col];
      if (f == 0) continue;
      for (std::size_t k = col; k < n; ++k) m[row][k] -= f * m[col][k];
      b[row] -= f * b[col];
    }
  }
  std::vector<double> x(n);
  for (std::size_t i = n; i-- > 0;) {
    double s = b[i];
    for (std::size_t k = i + 1; k < n; ++k) s -= m[i][k] * x[k];
    x[i] = s / m[i][i];
  }
  return x;
}

// PageRank as the stationary vector of the Google matrix, by a direct solve:
// x = alpha * (M^T x + (d . x) p) + (1 - alpha) p, with M the row-stochastic
// A (dangling rows zero), d the dangling-node indicator and p the teleport
// distribution (summing to 1). Rearranged:
// (I - alpha M^T - alpha p d^T) x = (1 - alpha) p.
inline std::vector<double> pagerank_dense(const DenseMatrix& a, double alpha, const std::vector<double>& p) {
  const std::size_t n = a.size();
  DenseMatrix m(n, std::vector<double>(n, 0.0));
  for (std::size_t u = 0; u < n; ++u) {
    double out = 0;
    for (std::size_t v = 0; v < n; ++v) out += a[u][v];
    for (std::size_t v = 0; v < n; ++v) {
      const double google = out > 0 ? a[u][v] / out : p[v];  // column u of the Google matrix
      m[v][u] = (v == u ? 1.0 : 0.0) - alpha * google;
    }
  }
  std::vector<double> b(n);
  for (std::size_t v = 0; v < n; ++v) b[v] = (1 - alpha) * p[v];
  return dense_solve(std::move(m), std::move(b));
}

// Katz by a direct solve of (I - alpha A^T) x = beta 1, then divided by its
// Euclidean norm when normalized.
inline std::vector<double> katz_dense(const DenseMatrix& a, double alpha, double beta, bool normalized) {
  const std::size_t n = a.size();
  DenseMatrix m(n, std::vector<double>(n, 0.0));
  for (std::size_t v = 0; v < n; ++v)
    for (std::size_t u = 0; u < n; ++u) m[v][u] = (v == u ? 1.0 : 0.0) - alpha * a[u][v];
  std::vector<double> x = dense_solve(std::move(m), std::vector<double>(n, beta));
  if (normalized) {
    double sq = 0;
    for (const double v : x) sq += v * v;
    for (double& v : x) v /= std::sqrt(sq);
  }
  return x;
}

struct DensePowerIteration {
  std::vector<double> values;
  std::uint32_t iterations = 0;  // 0: did not converge
};

// Eigenvector centrality by dense power iteration on A^T + I, as networkx
// writes it: start 1/n, y = (A^T + I) x, x = y / ||y||_2, stop when
// sum |x - x_prev| < n * tol.
inline DensePowerIteration eigenvector_dense(const DenseMatrix& a, double tol, std::uint32_t max_iter) {
  const std::size_t n = a.size();
  std::vector<double> x(n, 1.0 / static_cast<double>(n));
  for (std::uint32_t it = 1; it <= max_iter; ++it) {
    std::vector<double> y = x;
    for (std::size_t u = 0; u < n; ++u)
      for (std::size_t v = 0; v < n; ++v) y[v] += a[u][v] * x[u];
    double sq = 0;
    for (const double v : y) sq += v * v;
    double err = 0;
    for (std::size_t v = 0; v < n; ++v) {
      y[v] /= std::sqrt(sq);
      err += std::abs(y[v] - x[v]);
    }
    x = std::move(y);
    if (err < static_cast<double>(n) * tol) return {x, it};
  }
  return {x, 0};
}

}  // namespace movemap::testing
