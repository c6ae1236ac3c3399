"""The manager dashboard: the year's figures from lup.figures, charts, drill-down lists, exports."""
