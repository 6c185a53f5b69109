"""An independent checker of CloudWatch Embedded Metric Format log events, written from AWS's
published specification ("Specification: Embedded metric format", CloudWatch User Guide), not
from our output. `problems(line)` lists every rule the line breaks; [] means valid."""
import json

# The units of CloudWatch's MetricDatum (API reference, "MetricDatum", Unit).
UNITS = {"Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes",
         "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second",
         "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second",
         "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None"}
MAX_EVENT_BYTES = 1_048_576
MAX_DIMENSIONS_PER_SET = 30
MAX_METRICS_PER_DIRECTIVE = 100
MAX_VALUES_PER_METRIC = 100


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def problems(line):
    out = []
    if len(line.encode()) > MAX_EVENT_BYTES:
        out.append("the log event is larger than 1 MB")
    try:
        root = json.loads(line)  # the message must be a JSON object with nothing before or after it
    except ValueError as e:
        return [f"not a JSON object: {e}"]
    if not isinstance(root, dict):
        return ["the root node is not a JSON object"]
    aws = root.get("_aws")
    if not isinstance(aws, dict):
        return ["no _aws metadata object"]
    if set(aws) - {"Timestamp", "CloudWatchMetrics"}:
        out.append(f"_aws has members the specification does not define: {sorted(set(aws) - {'Timestamp', 'CloudWatchMetrics'})}")
    if not is_number(aws.get("Timestamp")) or aws["Timestamp"] < 0:
        out.append("_aws.Timestamp must be a number of milliseconds since the epoch")
    directives = aws.get("CloudWatchMetrics")
    if not isinstance(directives, list):
        return out + ["_aws.CloudWatchMetrics must be an array of MetricDirective objects"]
    for n, d in enumerate(directives):
        where = f"CloudWatchMetrics[{n}]"
        if not isinstance(d, dict):
            out.append(f"{where} is not an object")
            continue
        if set(d) - {"Namespace", "Dimensions", "Metrics"}:
            out.append(f"{where} has extra members {sorted(set(d) - {'Namespace', 'Dimensions', 'Metrics'})}")
        ns = d.get("Namespace")
        if not isinstance(ns, str) or not 1 <= len(ns) <= 255:
            out.append(f"{where}.Namespace must be a string of 1 to 255 characters")
        dims = d.get("Dimensions")
        if not isinstance(dims, list):
            out.append(f"{where}.Dimensions must be an array of DimensionSets")
            dims = []
        for s, dim_set in enumerate(dims):
            if not isinstance(dim_set, list) or not all(isinstance(k, str) for k in dim_set):
                out.append(f"{where}.Dimensions[{s}] must be an array of strings")
                continue
            if len(dim_set) > MAX_DIMENSIONS_PER_SET:
                out.append(f"{where}.Dimensions[{s}] has more than {MAX_DIMENSIONS_PER_SET} dimensions")
            for key in dim_set:
                if not isinstance(root.get(key), str):
                    out.append(f"dimension {key!r} has no string member on the root node")
        metrics = d.get("Metrics")
        if not isinstance(metrics, list):
            out.append(f"{where}.Metrics must be an array of MetricDefinitions")
            metrics = []
        if len(metrics) > MAX_METRICS_PER_DIRECTIVE:
            out.append(f"{where} has more than {MAX_METRICS_PER_DIRECTIVE} metrics")
        names = [m.get("Name") for m in metrics if isinstance(m, dict)]
        if len(names) != len(set(names)):
            out.append(f"{where}.Metrics names a metric twice")
        for m in metrics:
            if not isinstance(m, dict) or not isinstance(m.get("Name"), str) or not 1 <= len(m["Name"]) <= 1024:
                out.append(f"{where}.Metrics has an entry without a Name string")
                continue
            if set(m) - {"Name", "Unit", "StorageResolution"}:
                out.append(f"metric {m['Name']} has extra members")
            if "Unit" in m and m["Unit"] not in UNITS:
                out.append(f"metric {m['Name']} has unit {m['Unit']!r}, not a CloudWatch unit")
            if "StorageResolution" in m and m["StorageResolution"] not in (1, 60):
                out.append(f"metric {m['Name']} has a StorageResolution other than 1 or 60")
            value = root.get(m["Name"])
            if is_number(value):
                continue
            if isinstance(value, list) and value and len(value) <= MAX_VALUES_PER_METRIC and all(map(is_number, value)):
                continue
            out.append(f"metric {m['Name']} has no number (or array of up to 100 numbers) on the root node")
    return out
