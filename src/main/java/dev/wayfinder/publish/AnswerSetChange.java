package dev.wayfinder.publish;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/** One change of a service's answer set (SPEC.md: the set DNS answers with, fail_open included). */
public record AnswerSetChange(
    Instant time, String service, String name, List<InetAddress> before, List<InetAddress> after) {}
