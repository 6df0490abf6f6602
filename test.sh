#!/usr/bin/env bash
# Runs every test of SoMeScholar: restore, build, then every test project (unit, SQLite and PostgreSQL, web, CLI,
# browser). Installs and starts what the tests need when it is missing, idempotently and on loopback only:
# Debian's postgresql (a private cluster under .build/, port 55432), chromium, poppler-utils, nodejs/npm.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter "Category!=Browser"]
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

source scripts/test-services.sh
ensure_test_services

configuration="${CONFIGURATION:-Release}"
echo "[test] building ($configuration)" >&2
dotnet build SoMeScholar.slnx -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

results="artifacts/test-results"
rm -rf "$results"
echo "[test] running tests" >&2
dotnet test SoMeScholar.slnx -c "$configuration" --no-build -nologo \
  --logger "console;verbosity=minimal" --logger "trx" --results-directory "$results" "$@"
