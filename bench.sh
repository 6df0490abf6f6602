#!/usr/bin/env bash
# Runs a benchmark in Release: ./bench.sh list | ./bench.sh <name> [options] | ./bench.sh --filter '*PageRank*'
set -euo pipefail
cd "$(dirname "$0")"
dotnet build bench/SoMeScholar.Benchmarks -c Release -v quiet -nologo >/dev/null
exec dotnet artifacts/bin/SoMeScholar.Benchmarks/release/SoMeScholar.Benchmarks.dll "$@"
