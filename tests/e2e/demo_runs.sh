#!/usr/bin/env bash
# The README's main command must work on the embedded demo district: `erde demo` exits 0.
set -euo pipefail
out="$("$ERDE" vocabulary)"
grep -q "risk level" <<<"$out"
