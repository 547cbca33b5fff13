#!/usr/bin/env bash
# Builds and lints every Bicep template under infra/ with the Bicep CLI from NuGet (infra/tools/Bicep.props) and
# fails on any warning or error: the linter rules we hold ourselves to are in bicepconfig.json. The compiled ARM
# JSON goes to .bicep-out/ (git-ignored). Usage: bash infra/check.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet restore infra/tools/BicepCli.csproj --verbosity quiet
bicep="$(dotnet msbuild infra/tools/BicepCli.csproj -getProperty:BicepCli)tools/bicep"
[[ -x "$bicep" ]] || chmod +x "$bicep"
echo "$("$bicep" --version)"

out=.bicep-out
rm -rf "$out" && mkdir -p "$out"
problems=0
while IFS= read -r template; do
  log=$("$bicep" build "$template" --outdir "$out/$(dirname "$template")" 2>&1 && "$bicep" lint "$template" 2>&1) || true
  # bicep exits 0 on warnings: any diagnostic line is a failure here.
  diagnostics=$(grep -E ' : (Warning|Error) ' <<<"$log" | sort -u || true)
  if [[ -n "$diagnostics" ]]; then
    echo "$diagnostics"
    problems=$((problems + $(wc -l <<<"$diagnostics")))
  elif [[ ! -f "$out/${template%.bicep}.json" ]]; then
    echo "$template: not compiled"; echo "$log"
    problems=$((problems + 1))
  else
    echo "ok  $template"
  fi
done < <(find infra -name '*.bicep' -not -path '*/tools/*' | sort)

if [[ $problems -gt 0 ]]; then
  echo "Bicep: $problems problem(s); fix them (rules in bicepconfig.json)." >&2
  exit 1
fi
echo "Bicep: every template builds and lints clean."
