# modules.sh lists the repository's Go modules, for the scripts that loop
# over them (sourced by bash scripts, not run).
#
# library_modules are what users download: the top module (core, the
# net/http adapter, the conformance kit, the command) and one module per
# framework adapter. test_modules need every framework at once and no user
# ever downloads them: the comparison between frameworks and the other
# cross-framework suites (suites), the browser suites, the benchmarks, and
# crossgate check against other libraries (interop).
# shellcheck disable=SC2034 # used by the scripts that source this file
library_modules=(. fasthttp chi gin echo echov5 fiber fiberv3)
test_modules=(suites browser bench interop)
modules=("${library_modules[@]}" "${test_modules[@]}")
