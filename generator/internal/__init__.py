"""The internal catalog for sales: views, pages, find-a-referee, dashboard."""
