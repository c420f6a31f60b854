package dev.wayfinder.zone;

import dev.wayfinder.registry.Endpoint;
import dev.wayfinder.registry.Port;
import dev.wayfinder.registry.Service;
import java.util.List;

/**
 * A service with the endpoints its names answer with ({@link AnswerSet}), fixed when a snapshot is
 * built so that queries, transfers and serial decisions all see one verdict.
 *
 * @param service the service
 * @param answerSet its answered endpoints, in config order
 */
record ServiceAnswers(Service service, List<Endpoint> answerSet) {

  /**
   * What of this service shows in the zone: two services with equal keys produce the same records,
   * so a rebuild that changes none keeps the serial. Probe settings are left out.
   */
  Object contentKey() {
    return new Key(
        service.name(),
        service.ttl(),
        service.ports(),
        service.endpoints(),
        service.maxAnswers(),
        answerSet);
  }

  private record Key(
      String name,
      long ttl,
      List<Port> ports,
      List<Endpoint> endpoints,
      int maxAnswers,
      List<Endpoint> answerSet) {}
}
