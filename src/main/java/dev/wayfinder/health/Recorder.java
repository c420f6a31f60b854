package dev.wayfinder.health;

import java.util.function.Consumer;

/** Where one checker's state machines report their changes. */
interface Recorder extends Consumer<StateChange> {

  /**
   * True in cluster mode: the verdict that counts is the one the nodes' vote decides ({@link
   * HealthChecker#decide}), not this node's own probes.
   */
  default boolean voting() {
    return false;
  }
}
