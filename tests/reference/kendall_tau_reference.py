"""Kendall tau-b reference values for tests/engine/temporal/trajectories_test.cpp (scipy)."""
from scipy.stats import kendalltau

for x, y in [([1, 2, 3, 4], [1, 3, 2, 4]), ([1, 1, 2, 3], [1, 2, 2, 3]),
             ([3, 1, 2, 2, 5, 4], [1, 1, 3, 2, 6, 6])]:
    print(x, y, repr(kendalltau(x, y).statistic))
