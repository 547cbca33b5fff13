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

out=.bicep-out/infra
rm -rf .bicep-out && mkdir -p "$out"
templates=$(cd infra && find . -name '*.bicep' -not -path './tools/*' | sed 's|^\./||' | sort)

# One build and one lint over every template (--pattern keeps the folders under --outdir).
log=$(cd infra && "$bicep" build --pattern '**/*.bicep' --outdir "../$out" 2>&1; "$bicep" lint --pattern '**/*.bicep' 2>&1) || true
# bicep exits 0 on warnings: any diagnostic line is a failure here.
diagnostics=$(grep -E ' : (Warning|Error) ' <<<"$log" | sort -u || true)
problems=0
if [[ -n "$diagnostics" ]]; then
  echo "$diagnostics"
  problems=$(wc -l <<<"$diagnostics")
fi
for template in $templates; do
  if [[ -f "$out/${template%.bicep}.json" ]]; then
    echo "built infra/$template"
  else
    echo "not built: infra/$template"
    problems=$((problems + 1))
  fi
done

if [[ $problems -gt 0 ]]; then
  echo "$log" | grep -vE ' : (Warning|Error) ' | sed '/^$/d' || true
  echo "Bicep: $problems problem(s); fix them (rules in bicepconfig.json)." >&2
  exit 1
fi
echo "Bicep: every template builds and lints clean."
