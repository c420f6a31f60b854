package dev.wayfinder.registry;

import java.util.Collection;

/**
 * What a source of services (the config file, the API's store, etcd) writes to: the registry, bound
 * to that source. A source validates and normalises its services before they get here; the registry
 * holds only valid immutable values.
 *
 * <p>A source either states changes ({@link #apply}: services put and names removed, as one batch)
 * or its whole current state ({@link #replaceAll}: a reloaded file, etcd after a reconnect, the
 * store at start), and the registry works out the puts and removes. Both return what changed in
 * what is served, which may be less than what was written (an unchanged service, a name another
 * source serves).
 */
public interface ServiceSink {

  /** Puts (adds or replaces by name) {@code put} and removes {@code remove}, as one batch. */
  RegistryChanges apply(Collection<Service> put, Collection<String> remove);

  /** Makes {@code services} this source's whole contribution, as one batch. */
  RegistryChanges replaceAll(Collection<Service> services);
}
