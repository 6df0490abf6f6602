#!/usr/bin/env bash
# Publishes the `somescholar-graph` command (src/SoMeScholar.Graph.Tool) ReadyToRun into artifacts/somescholar-graph/
# and prints the path of the executable. Idempotent: MSBuild's incremental publish leaves an up-to-date tool alone.
# Used by `./bench.sh graph-peers`; users can run it too (docs/metrics.md, "The somescholar-graph command").
set -euo pipefail
cd "$(dirname "$0")/.."
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) rid="" ;;
esac
out=artifacts/somescholar-graph
if [ -n "$rid" ]; then
  dotnet publish src/SoMeScholar.Graph.Tool -c Release -r "$rid" --self-contained false -o "$out" -v quiet -nologo >&2
else
  dotnet publish src/SoMeScholar.Graph.Tool -c Release -p:PublishReadyToRun=false -o "$out" -v quiet -nologo >&2
fi
echo "$PWD/$out/somescholar-graph"
