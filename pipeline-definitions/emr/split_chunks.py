"""EMR step: split one large log file into line-aligned, near-equal chunks and a Redshift COPY manifest.

Same contract as `logfed split`: every line lands in exactly one chunk, in input order (part-00000 holds the
first lines); chunk i ends after the line holding byte floor(i*total/N)-1 of the input, where total counts one
newline per line; exactly N chunks are written; manifest.json is written last, only on success.
"""

import argparse
import gzip as gzip_format
import json
import math
import re
import sys

from py4j.protocol import Py4JJavaError
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import BinaryType, StructField, StructType

DEFAULT_SLICES = 2
UNITS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "ki": 2**10, "mi": 2**20, "gi": 2**30}
LINES = StructType([StructField("value", BinaryType())])
SPARK_PART = re.compile(r"part-(\d+)-.*")


class SplitError(Exception):
    """Input that cannot be read (missing, truncated or corrupt): no chunk and no manifest is written."""


def root_cause(throwable):
    while throwable.getCause() is not None:
        throwable = throwable.getCause()
    return throwable.toString()


def parse_size(text):
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmg]i?)?b?", text.strip(), re.IGNORECASE)
    if not match or float(match.group(1)) <= 0:
        raise argparse.ArgumentTypeError(f"{text}: not a size (e.g. 64MiB, 1GB or 500000)")
    return round(float(match.group(1)) * UNITS[(match.group(2) or "").lower()])


def positive_int(text):
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text}: expected a whole number of at least 1")
    return int(text)


def parser():
    p = argparse.ArgumentParser(prog="split_chunks.py", description=__doc__.split("\n")[0])
    p.add_argument("--input", required=True, help="s3://bucket/key (or a local path); .gz and .bz2 are decompressed")
    p.add_argument("--output", required=True, help="s3://bucket/prefix for part-00000… and manifest.json; must not exist")
    sizing = p.add_mutually_exclusive_group(required=True)
    sizing.add_argument("--chunks", type=positive_int, help="exact number of chunks")
    sizing.add_argument("--chunk-size", type=parse_size, help="largest uncompressed chunk; count rounded up to a multiple of --slices")
    p.add_argument("--slices", type=positive_int, default=DEFAULT_SLICES, help=f"Redshift slice count (default {DEFAULT_SLICES})")
    p.add_argument("--gzip", action="store_true", help="gzip the chunks (part-00000.gz…)")
    return p


def chunk_count(total, args):
    if args.chunks:
        return args.chunks
    needed = max(1, math.ceil(total / args.chunk_size))
    return math.ceil(needed / args.slices) * args.slices


def chunk_of_line(start, total, n):
    """Number of targets floor(i*total/n), 1 <= i < n, at or before the line start (see logfed's plan.ts)."""
    return min(n - 1, ((start + 1) * n + total - 1) // total - 1)


def chunk_name(index, gzip):
    return f"part-{index:05d}{'.gz' if gzip else ''}"


def read_lines(spark, path):
    """Lines as raw bytes. The DataFrame text source does not decode them (the RDD textFile would turn invalid
    UTF-8 into U+FFFD); only \\n ends a line, so the CR of CRLF stays in its line as the local engine keeps it."""
    frame = spark.read.option("lineSep", "\n").text(path)
    return frame.select(F.col("value").cast("binary")).rdd.map(lambda row: bytes(row[0]))


def split(spark, args):
    sc = spark.sparkContext
    lines = read_lines(spark, args.input).persist()
    # Byte offsets need the size of each partition first: one small pass, then prefix sums on the driver.
    try:
        sizes = lines.mapPartitions(lambda part: [sum(len(line) + 1 for line in part)]).collect()
    except Py4JJavaError as error:
        cause = root_cause(error.java_exception)
        raise SplitError(f"{args.input}: cannot read the input ({cause}); nothing was written") from None
    total = sum(sizes)
    n = chunk_count(total, args)
    starts = [0]
    for size in sizes[:-1]:
        starts.append(starts[-1] + size)

    def keyed(index, part):
        offset = starts[index]
        for line in part:
            yield (chunk_of_line(offset, total, n), offset), line
            offset += len(line) + 1

    # gzip input is one partition (not splittable): the shuffle spreads it over n partitions, one per chunk.
    chunks = lines.mapPartitionsWithIndex(keyed).repartitionAndSortWithinPartitions(
        numPartitions=n, partitionFunc=lambda key: key[0]
    )
    stored = write_chunks(spark, chunks.values(), args.output, n, args.gzip)
    lines.unpersist()
    write_manifest(sc, args.output, stored, args.gzip)
    return n, total


def write_chunks(spark, lines, output, n, gzip):
    """Writes partition i of `lines` as part-i and returns the stored size of each chunk. The DataFrame text
    writer keeps the bytes as they are (the RDD saveAsTextFile would decode them); its part-i-<uuid>-c000.txt[.gz]
    files are renamed, and the partitions it skips because they are empty are created, so there are always
    exactly n chunks."""
    frame = spark.createDataFrame(lines.map(lambda line: (bytearray(line),)), LINES)
    frame.select(F.col("value").cast("string")).write.text(output, compression="gzip" if gzip else "none")
    fs, path = hadoop_fs(spark.sparkContext, output)
    written = {}
    for status in fs.listStatus(path(output)):
        match = SPARK_PART.fullmatch(status.getPath().getName())
        if match:
            written[int(match.group(1))] = status
    empty = gzip_format.compress(b"", mtime=0) if gzip else b""
    sizes = []
    for i in range(n):
        target = path(f"{output.rstrip('/')}/{chunk_name(i, gzip)}")
        if i in written:
            source = written[i].getPath()
            if not fs.rename(source, target):
                raise SplitError(f"cannot rename {source.toString()} to {target.toString()}; no manifest was written")
            sizes.append(written[i].getLen())
        else:
            write_bytes(fs, target, empty)
            sizes.append(len(empty))
    return sizes


def hadoop_fs(sc, location):
    """The Hadoop file system serving `location` (S3 on EMR, local files in tests) and a Path constructor."""
    path = sc._jvm.org.apache.hadoop.fs.Path
    return path(location).getFileSystem(sc._jsc.hadoopConfiguration()), path


def write_bytes(fs, target, data):
    stream = fs.create(target, True)
    stream.write(bytearray(data))
    stream.close()


def write_manifest(sc, output, sizes, gzip):
    """manifest.json listing every chunk with its stored size as content_length: the commit marker COPY reads."""
    fs, path = hadoop_fs(sc, output)
    base = output.rstrip("/")
    entries = [
        {"url": f"{base}/{chunk_name(i, gzip)}", "mandatory": True, "meta": {"content_length": size}}
        for i, size in enumerate(sizes)
    ]
    write_bytes(fs, path(f"{base}/manifest.json"), (json.dumps({"entries": entries}, indent=2) + "\n").encode())


def main(argv):
    args = parser().parse_args(argv)
    spark = SparkSession.builder.appName("logfed-split").getOrCreate()
    try:
        n, total = split(spark, args)
        print(json.dumps({"chunks": n, "bytes": total, "manifest": f"{args.output.rstrip('/')}/manifest.json"}))
    except SplitError as error:
        sys.exit(f"split_chunks.py: {error}")
    finally:
        spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
