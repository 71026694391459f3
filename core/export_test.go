package core

// ApplyFixes lets the fuzzers of package core_test apply New's fixes.
var ApplyFixes = applyFixes
