"""The 90-day rollout and its proof: plan, measure, compare with actuals, recalibrate, report.

- ``roadmap``: the 90-day timeline, engagement stages, spend by month
- ``measurement``: what to measure per tier, with model targets at days 30/60/90
- ``actuals``: pilot actuals against plan, and recalibration from them
- ``ninety_day``: the 90-day report's figures and text
- ``governance``: the risk and governance checklist, regulated-data flags per team
"""

from . import actuals, governance, measurement, ninety_day, roadmap

__all__ = ["actuals", "governance", "measurement", "ninety_day", "roadmap"]
