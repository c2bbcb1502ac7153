"""`pawtrack cost`: a monthly bill on AWS, on Azure and on one always-on server.

The workload (`workload.py`): N trackers each stay connected and send P MQTT packets an hour
(60 by default), each carrying R readings (1), all of one pet-day; M owners each open the
app k times a day (a few API calls, a couple of minutes on the live socket); while an
owner's app is open every packet of their tracker makes a live update; goal and battery
pushes per tracker and day; bundles per tracker and day; readings kept 90 days.

The packets a function invocation takes (`batching.py`) come from the deployment files at
the fleet's rate: template.yaml's PROD batch size and window, main.bicep's prod Event Hubs
batches. Requests, capacity units and function time per packet and per bundle
(`profiles.py`) come from bench/results.json's `cost_profiles` (`bench.py`: the run's name
is in the output), and from the documented counts where the bench measured nothing.
IoT Hub's tier and units are the cheapest that take the day's messages (`meters.py`).

Prices (`prices.py`) are the list prices in costing/pricing.json (AWS us-east-1,
Azure West Europe, each with its unit, date and source). Free tiers are ignored unless asked.
"""

from costing.estimate import Bill, Estimate, estimate
from costing.prices import Line
from costing.report import as_json, as_text
from costing.workload import Workload

__all__ = ["Bill", "Estimate", "Line", "Workload", "as_json", "as_text", "estimate"]
