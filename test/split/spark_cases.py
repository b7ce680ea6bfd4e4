"""Runs the EMR split job over many cases in one local Spark session (start-up is the slow part).

Usage: spark_cases.py <cases.json>, a list of argument lists; prints one JSON result per case, in order.
"""

import json
import os
import sys

JOB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "pipeline-definitions", "emr", "split_chunks.py")
sys.path.insert(0, os.path.dirname(JOB))

from pyspark.sql import SparkSession  # noqa: E402

import split_chunks  # noqa: E402

builder = (
    SparkSession.builder.master("local[2]")
    .appName("logfed-split-contract")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.shuffle.partitions", "2")
)
# Extra settings from the test (SPARK_CASES_CONF, a JSON object), e.g. the s3a connector and its endpoint.
for key, value in json.loads(os.environ.get("SPARK_CASES_CONF") or "{}").items():
    builder = builder.config(key, value)
spark = builder.getOrCreate()
spark.sparkContext.setLogLevel("OFF")
# Imported here (not run as the main script as on EMR), so the Python workers need the module too.
spark.sparkContext.addPyFile(JOB)
results = []
for argv in json.load(open(sys.argv[1])):
    try:
        n, total = split_chunks.split(spark, split_chunks.parser().parse_args(argv))
        results.append({"ok": True, "chunks": n, "bytes": total})
    except Exception as error:  # each case reports its own failure; the session serves the next case
        results.append({"ok": False, "error": str(error).split("\n")[0]})
spark.stop()
print("RESULTS " + json.dumps(results))
