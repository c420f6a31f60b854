/**
 * Coverage-guided fuzz tests (Jazzer's {@code @FuzzTest}), one class per parser that reads what
 * someone else wrote: DNS queries over UDP ({@link dev.wayfinder.fuzz.DnsQueryFuzzTest}) and TCP
 * ({@link dev.wayfinder.fuzz.TcpFramingFuzzTest}), config files ({@link
 * dev.wayfinder.fuzz.ConfigFuzzTest}), admin API bodies ({@link
 * dev.wayfinder.fuzz.ServiceBodyFuzzTest}), RFC 2136 primaries' replies ({@link
 * dev.wayfinder.fuzz.Rfc2136ReplyFuzzTest}) and PowerDNS remote-backend calls ({@link
 * dev.wayfinder.fuzz.PdnsBackendFuzzTest}). The normal build replays each test's inputs under
 * {@code src/test/resources/dev/wayfinder/fuzz/<TestClass>Inputs/<method>/}; {@code
 * scripts/fuzz.sh} fuzzes them (docs/fuzzing.md). They reach package-private code through the
 * public test seams {@link dev.wayfinder.dns.InProcessDns} and {@link
 * dev.wayfinder.publish.Rfc2136Calls}.
 */
package dev.wayfinder.fuzz;
