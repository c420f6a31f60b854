package dev.wayfinder.registry;

import dev.wayfinder.registry.ServiceDraft.EndpointDraft;
import dev.wayfinder.registry.ServiceDraft.HealthDraft;
import dev.wayfinder.registry.ServiceDraft.PortDraft;
import dev.wayfinder.registry.ServiceDraft.QueryDraft;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Drafts for the registry's rule tests, written as a source would hand them over. */
final class Drafts {
  private Drafts() {}

  static ServiceDraft named(String name) {
    return new ServiceDraft(name, null, null, null, null, null, null);
  }

  static ServiceDraft withTtl(Long ttl) {
    return new ServiceDraft("web", ttl, null, null, null, null, null);
  }

  static ServiceDraft withMaxAnswers(Long maxAnswers) {
    return new ServiceDraft("web", null, null, null, null, null, maxAnswers);
  }

  static ServiceDraft withPorts(PortDraft... ports) {
    return new ServiceDraft("web", null, Arrays.asList(ports), null, null, null, null);
  }

  static ServiceDraft withEndpoints(EndpointDraft... endpoints) {
    return endpoints("web", endpoints);
  }

  static ServiceDraft endpoints(String name, EndpointDraft... endpoints) {
    return new ServiceDraft(name, null, null, Arrays.asList(endpoints), null, null, null);
  }

  static ServiceDraft withHealth(HealthDraft health) {
    return new ServiceDraft("web", null, null, null, health, null, null);
  }

  static PortDraft port(String name, String protocol, Long port) {
    return new PortDraft(name, protocol, port);
  }

  static EndpointDraft at(String address) {
    return new EndpointDraft(address, null, null, null);
  }

  static EndpointDraft at(String address, String hostname) {
    return new EndpointDraft(address, hostname, null, null);
  }

  static EndpointDraft weighted(String address, Long weight, Long priority) {
    return new EndpointDraft(address, null, weight, priority);
  }

  /** {@code count} distinct endpoints 10.0.0.1... with hostnames e1..., then {@code last}. */
  static ServiceDraft manyThen(int count, EndpointDraft last) {
    EndpointDraft[] all = new EndpointDraft[count + 1];
    for (int i = 0; i < count; i++) {
      all[i] = at("10.0.0." + (i + 1), "e" + (i + 1));
    }
    all[count] = last;
    return withEndpoints(all);
  }

  static HealthDraft probe(String type, String target) {
    return health(type, target, null, null, null, null);
  }

  static HealthDraft health(
      String type, String target, Duration interval, Duration timeout, Long rise, String status) {
    return new HealthDraft(
        type, target, interval, timeout, rise, null, status, null, null, null, null, null);
  }

  static HealthDraft dnsProbe(QueryDraft query) {
    return new HealthDraft(
        "dns", null, null, null, null, null, null, null, null, null, query, null);
  }

  static HealthDraft commandProbe(List<String> command) {
    return new HealthDraft(
        "command", null, null, null, null, null, null, null, null, null, null, command);
  }

  static HealthDraft expectingBody(String body) {
    return new HealthDraft(
        "http", "http://{}/", null, null, null, null, null, body, null, null, null, null);
  }
}
