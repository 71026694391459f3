// Package interop proves the crossgate command against servers no one here
// wrote: it starts real servers on loopback with rs/cors, gin-contrib/cors,
// echo v4's and fiber v2's own CORS middleware and crossgate, each set up
// correctly and with the misconfigurations users make, and its test checks
// the command's verdict, cause and root cause for each call. Attachments
// adds the layouts whose console message hides what to change (a header or
// a method missing from rs/cors, a middleware the preflight never reaches). The browser suite plays
// the same calls in Chromium and asserts the command agrees with it.
// Migrations serve each docs/migrate page's example with the library it
// starts from beside the page's crossgate translation, for TestMigrationPages
// to compare them call by call.
//
// It is its own module so that the other libraries never become
// requirements of crossgate's users.
package interop
