"""The PySpark job `npm run test:spark` runs: clean a JSON Lines file with decruft through
`RDD.pipe`, in local mode with two executor threads, and write the records in input order.

    python clean_job.py INPUT OUTPUT PARTITIONS COMMAND...

Each partition's lines go to one `COMMAND` process on its standard input (one record per line)
and its output lines become the partition's records; `collect` returns the partitions in order.
"""

import os
import shlex
import sys

from pyspark.sql import SparkSession


def main() -> int:
    source, target, partitions, *command = sys.argv[1:]
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("decruft-test-spark")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    try:
        context = spark.sparkContext
        context.setLogLevel("ERROR")
        records = context.textFile(source, minPartitions=int(partitions))
        # `pipe` splits the command as a shell would (shlex) and runs it without a shell, with only
        # the environment it is given. decruft exits 1 for a bad record, which `checkCode=False`
        # (the default) accepts, as a streaming mapper should.
        environment = {**os.environ, "NO_COLOR": "1"}
        cleaned = records.pipe(shlex.join(command), env=environment)
        lines = cleaned.collect()
        with open(target, "w", encoding="utf-8", newline="\n") as out:
            for line in lines:
                out.write(line)
                out.write("\n")
        print(f"spark: {records.getNumPartitions()} partitions, {len(lines)} records", file=sys.stderr)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
