package dev.wayfinder.publish;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/**
 * One change of a service's answer set (SPEC.md: the set DNS answers with, {@code fail_open}
 * included), as every target receives it.
 *
 * @param time when the change was seen
 * @param service the service's name
 * @param name the service's owner name, absolute ({@code "S.Z."})
 * @param before the addresses answered before, sorted as text
 * @param after the addresses answered now, sorted as text
 */
public record AnswerSetChange(
    Instant time, String service, String name, List<InetAddress> before, List<InetAddress> after) {

  public AnswerSetChange {
    before = List.copyOf(before);
    after = List.copyOf(after);
  }
}
