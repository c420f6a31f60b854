package dev.wayfinder.registry;

import java.util.List;

/**
 * One applied batch as the registry's listeners see it.
 *
 * @param version the registry's version after the batch: rises by one with each batch that changed
 *     what is served, so two changes within one clock second still have distinct versions
 * @param changes one entry per served name that changed; empty when the batch changed nothing
 *     served (then no listener hears of it and the version stays)
 */
public record RegistryChanges(long version, List<ServiceChange> changes) {

  public RegistryChanges {
    changes = List.copyOf(changes);
  }
}
