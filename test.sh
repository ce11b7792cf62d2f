#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine. The tests need nothing but the .NET 10 SDK: dotnet test restores
# the NuGet packages (from the package feed on the first run), builds in Release and runs every test.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 1
fi

dotnet test HpoSharp.slnx --configuration Release "$@"
