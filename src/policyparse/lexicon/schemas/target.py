"""Schema of data/targets.yaml: the words that make a quantity a goal (or reported progress)."""
from __future__ import annotations

from pydantic import BaseModel, Field


class TargetLexicon(BaseModel):
    goal_verbs: list[str]  # 达到 新增 培育 … : set a goal quantity
    verbs: list[str]  # action verbs that stand before a metric and are cut from it (开发 转化 …)
    trailing: list[str]  # cut from the end of a metric written before its number (达到 力争 …)
    leading: list[str]  # cut from the start of a metric (将 力争 累计 …)
    suffixes: list[str]  # 总量 总数: cut from the end of a metric
    cumulative: list[str]  # 累计
    support: list[str]  # 给予 奖励 补贴 …: an amount granted, not a goal
    progress: list[str]  # 已 截至 …: a reported value, not a goal
    forecast: list[str] = Field(default_factory=list)  # 预计 力争 将: a plan, never progress
    yearly_money_verbs: list[str] = Field(default_factory=list)  # money under 每年 is a goal only with these
