/**
 * Shared test support: real peers ({@link dev.wayfinder.testing.KnotPeer}, {@link
 * dev.wayfinder.testing.UnboundPeer}, {@link dev.wayfinder.testing.Rfc2136Primary}, {@link
 * dev.wayfinder.testing.EtcdPeer}) run as child processes on free loopback ports, a {@link
 * dev.wayfinder.testing.CountingRelay} that counts what reaches them, and real clients ({@link
 * dev.wayfinder.testing.DigRunner} for dig and kdig, {@link dev.wayfinder.testing.ProcessRun} for
 * any command). Every peer is {@link AutoCloseable}; the test that starts one closes it. Nothing
 * here knows Wayfinder's internals, so any test package may use it.
 */
package dev.wayfinder.testing;
