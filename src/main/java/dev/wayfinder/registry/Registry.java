package dev.wayfinder.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The set of served services, owned here, fed by sources through {@link ServiceSink}s.
 *
 * <p>Each source's contribution is kept under (source, name). <b>The rule for one name from two
 * sources</b>: the name is served from the first source in {@link Service.Source}'s order (config
 * file, then API, then cluster); the others' definitions are kept and come back when it goes. The
 * sources' edges refuse a write that would be shadowed or would shadow, so the rule rarely decides
 * anything: a PUT through the API of a name the config file holds gets 409, and a reload of the
 * file that adds a name the API holds is rejected ({@link #heldByOthers}).
 *
 * <p>Every batch that changes what is served gets the next {@link #version()} and is handed to the
 * listeners as one {@link RegistryChanges}, on the writer's thread and inside the registry's lock,
 * so listeners see batches in version order; they must be quick (hand the work on, don't block).
 */
public final class Registry {
  private final Map<Service.Source, Map<String, Service>> contributions =
      new EnumMap<>(Service.Source.class);
  private final Map<String, Service> served = new LinkedHashMap<>();
  private final List<Consumer<RegistryChanges>> listeners = new CopyOnWriteArrayList<>();
  private long version;

  public Registry() {
    for (Service.Source s : Service.Source.values()) {
      contributions.put(s, new HashMap<>());
    }
  }

  /** The sink through which {@code source} writes its services. */
  public ServiceSink sink(Service.Source source) {
    return new ServiceSink() {
      @Override
      public RegistryChanges apply(Collection<Service> put, Collection<String> remove) {
        return Registry.this.apply(source, put, remove);
      }

      @Override
      public RegistryChanges replaceAll(Collection<Service> services) {
        return Registry.this.replaceAll(source, services);
      }
    };
  }

  /** See {@link ServiceSink#apply}. */
  public synchronized RegistryChanges apply(
      Service.Source source, Collection<Service> put, Collection<String> remove) {
    Map<String, Service> mine = contributions.get(source);
    Set<String> touched = new LinkedHashSet<>();
    for (Service s : put) {
      Service mineNow = s.withSource(source);
      if (!mineNow.equals(mine.put(mineNow.name(), mineNow))) {
        touched.add(mineNow.name());
      }
    }
    for (String name : remove) {
      if (mine.remove(name) != null) {
        touched.add(name);
      }
    }
    List<ServiceChange> changes = new ArrayList<>();
    for (String name : touched) {
      Service before = served.get(name);
      Service after = resolve(name);
      if (!Objects.equals(before, after)) {
        if (after == null) {
          served.remove(name);
        } else {
          served.put(name, after);
        }
        changes.add(new ServiceChange(name, before, after));
      }
    }
    if (changes.isEmpty()) {
      return new RegistryChanges(version, List.of());
    }
    RegistryChanges applied = new RegistryChanges(++version, changes);
    listeners.forEach(l -> l.accept(applied));
    return applied;
  }

  /** See {@link ServiceSink#replaceAll}: the names {@code source} has and the list lacks go. */
  public synchronized RegistryChanges replaceAll(
      Service.Source source, Collection<Service> services) {
    Set<String> listed = HashSet.newHashSet(services.size());
    services.forEach(s -> listed.add(s.name()));
    List<String> gone = new ArrayList<>();
    for (String name : contributions.get(source).keySet()) {
      if (!listed.contains(name)) {
        gone.add(name);
      }
    }
    return apply(source, services, gone);
  }

  /** The served definition of {@code name}: the first source's in precedence order. */
  private Service resolve(String name) {
    for (Map<String, Service> bySource : contributions.values()) {
      Service s = bySource.get(name);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** Of {@code names}, those some source other than {@code source} defines, in their order. */
  public synchronized List<String> heldByOthers(Service.Source source, Collection<String> names) {
    List<String> held = new ArrayList<>();
    for (String name : names) {
      for (Map.Entry<Service.Source, Map<String, Service>> e : contributions.entrySet()) {
        if (e.getKey() != source && e.getValue().containsKey(name)) {
          held.add(name);
          break;
        }
      }
    }
    return held;
  }

  /** Every served service, in the order their names were first served. */
  public synchronized List<Service> services() {
    return List.copyOf(served.values());
  }

  /** The served service named {@code name}, or {@code null}. */
  public synchronized Service get(String name) {
    return served.get(name);
  }

  /** The number of the last batch that changed what is served (0 before any). */
  public synchronized long version() {
    return version;
  }

  /**
   * Hears every batch that changes what is served, from now on; see the class comment for the
   * thread it runs on.
   */
  public void addListener(Consumer<RegistryChanges> listener) {
    listeners.add(listener);
  }

  /** Stops telling {@code listener}, the instance given to {@link #addListener}. */
  public void removeListener(Consumer<RegistryChanges> listener) {
    listeners.remove(listener);
  }
}
