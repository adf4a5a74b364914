"""pandas, imported on first use.

``import movemap`` does not import pandas (about 40 MiB resident and 0.2 s):
callers that stay with the numpy results (``Network.centrality_arrays``,
``Network.core``) never pay for it. The first attribute read through ``pd``
(``pd.DataFrame``, ``pd.Index``, ...) imports pandas; later reads are a
dictionary lookup.

>>> from movemap._pandas import pd
>>> pd.Index(["a"], name="id").name
'id'
"""

from __future__ import annotations

import sys
from typing import Any


class _LazyPandas:
    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        import pandas

        return getattr(pandas, name)


pd: Any = _LazyPandas()


def is_frame(value: Any) -> bool:
    """True when value is a pandas DataFrame, without importing pandas (an
    object can only be a DataFrame once pandas is imported)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(value, pandas.DataFrame)
