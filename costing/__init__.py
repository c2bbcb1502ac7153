"""`pawtrack cost`: a monthly bill on AWS and on Azure, estimated from three numbers.

The workload (`workload.py`): N trackers each stay connected and send ONE MQTT packet a
minute carrying its R readings (not R packets), all of one pet-day; M owners each open the
app k times a day (a few API calls, a couple of minutes on the live socket); while an
owner's app is open every packet of their tracker makes a live update; goal and battery
pushes per tracker and day; bundles per tracker and day; readings kept 90 days.

Requests per use case (`profiles.py`) are ARCHITECTURE.md's counts: on DynamoDB a pet-day
of N readings costs ⌈N/100⌉ BatchGetItem + ⌈N/49⌉ TransactWriteItems (2 WRUs per item:
49 readings + 49 markers + the totals = 99 items, 198 WRUs) + 1 GetItem; on Azure Tables
1 marker query + ⌈N/100⌉ marker transactions + 1 totals read + ⌈N/99⌉ day transactions
+ the signals read and write. Where bench/results.json has a `cost_profiles` section
(`bench.py`), its measured counts and durations replace these per use case; the output says
which were used.

Prices (`prices.py`) are the list prices in costing/pricing.json (AWS us-east-1,
Azure West Europe, each with its unit, date and source). Free tiers are ignored unless asked.
"""

from costing.estimate import Bill, Estimate, estimate
from costing.prices import Line
from costing.report import as_json, as_text
from costing.workload import Workload

__all__ = ["Bill", "Estimate", "Line", "Workload", "as_json", "as_text", "estimate"]
