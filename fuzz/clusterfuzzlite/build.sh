#!/bin/bash -eu
# ClusterFuzzLite's entry point: copy to .clusterfuzzlite/build.sh. The real work is fuzz/build.sh,
# which OSS-Fuzz would run the same way.
exec "$SRC/ssespec/fuzz/build.sh"
