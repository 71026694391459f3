// Package adapter holds what every crossgate adapter shares beyond core:
// the rule its skip option follows (MaySkip), the origin check it offers
// WebSocket servers (WebSocketOriginAllowed), the body of its Must, and the
// code-pointer checks its group helper uses to refuse stacking two
// policies (Code, Holds, RefuseEcho, RefuseFiber).
//
// It is public so that an adapter in another module, ours or a third
// party's, builds on documented API rather than on another module's
// internal packages: modules are versioned apart, and an adapter must keep
// working with any later core.
package adapter
