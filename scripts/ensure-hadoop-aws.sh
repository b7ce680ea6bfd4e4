#!/usr/bin/env bash
# Fetches the s3a:// connector (hadoop-aws and the AWS SDK bundle it was built against) for the Hadoop version
# inside the pinned pyspark, through Maven, into .gen/hadoop-aws (git-ignored). The split contract suite runs the
# EMR job on s3a:// against moto with these jars. Cached: nothing happens when the jars of that version are there.
set -euo pipefail
cd "$(dirname "$0")/.."
api=$(ls .venv/lib/python3*/site-packages/pyspark/jars/hadoop-client-api-*.jar)
version=$(basename "$api" .jar)
version=${version#hadoop-client-api-}
dest=.gen/hadoop-aws
if [ -f "$dest/.version" ] && [ "$(cat "$dest/.version")" = "$version" ]; then
  exit 0
fi
echo "logfed: fetching hadoop-aws $version and its AWS SDK bundle into $dest (first run only)..." >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>logfed</groupId>
  <artifactId>hadoop-aws-fetch</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>org.apache.hadoop</groupId>
      <artifactId>hadoop-aws</artifactId>
      <version>$version</version>
    </dependency>
  </dependencies>
</project>
POM
rm -rf "$dest"
mvn -q -B -f "$work/pom.xml" dependency:copy-dependencies \
  -DincludeArtifactIds=hadoop-aws,aws-java-sdk-bundle -DoutputDirectory="$PWD/$dest"
echo "$version" > "$dest/.version"
