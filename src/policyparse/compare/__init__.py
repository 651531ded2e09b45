"""Cross-city comparison of policy instruments, and target follow-up against later reports.

    table = compare("policies.sqlite", cities=["天津", "石家庄"], topic="产业技术研究院")
    table.row("performance_reward").cell("石家庄").values[0].per_year   # 166666.67 (50万 / 3 years)
"""
from __future__ import annotations

from .model import Cell, CellValue, ComparisonTable, Row, SourceRef
from .followup import Reported, TargetFollowUp, follow_up
from .sources import documents
from .table import compare

__all__ = ["compare", "follow_up", "documents", "ComparisonTable", "Row", "Cell", "CellValue", "SourceRef",
           "TargetFollowUp", "Reported"]
