#!/usr/bin/env bash
# Refreshes the README screenshots from the real windows the UI tests open under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/../.."
./dossier-capture test -pl app -am -Dtest='WorkstationAppTest,ReviewSampleBatchTest' -Dsurefire.failIfNoSpecifiedTests=false
cp app/target/screenshots/*.png docs/screenshots/
ls -l docs/screenshots/*.png
