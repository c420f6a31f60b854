package dev.wayfinder.registry;

/**
 * What one applied batch did to one served name: {@code before} is what was served (null when the
 * name is new), {@code after} what is served now (null when it is gone). Consumers diff the two
 * themselves (endpoints by address).
 */
public record ServiceChange(String name, Service before, Service after) {

  public boolean added() {
    return before == null;
  }

  public boolean removed() {
    return after == null;
  }
}
