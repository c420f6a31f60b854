package dev.wayfinder.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a session tells its listeners, in order, for tests to wait on and inspect. */
final class RecordingListener implements EtcdSession.Listener {

  /** One call to the listener. */
  sealed interface Heard permits Connected, Changed, Disconnected {}

  record Connected(Map<String, String> keys, long revision) implements Heard {}

  record Changed(String key, String value, long revision) implements Heard {}

  record Disconnected(String reason) implements Heard {}

  private final List<Heard> heard = new CopyOnWriteArrayList<>();

  @Override
  public void connected(Map<String, String> keys, long revision) {
    heard.add(new Connected(keys, revision));
  }

  @Override
  public void changed(String key, String value, long revision) {
    heard.add(new Changed(key, value, revision));
  }

  @Override
  public void disconnected(String reason) {
    heard.add(new Disconnected(reason));
  }

  List<Heard> heard() {
    return List.copyOf(heard);
  }

  List<Connected> connects() {
    return heard.stream().filter(Connected.class::isInstance).map(Connected.class::cast).toList();
  }

  List<Disconnected> disconnects() {
    return heard.stream()
        .filter(Disconnected.class::isInstance)
        .map(Disconnected.class::cast)
        .toList();
  }

  /** The changes heard for keys starting with {@code prefix}, in order. */
  List<Changed> changes(String prefix) {
    return heard.stream()
        .filter(Changed.class::isInstance)
        .map(Changed.class::cast)
        .filter(c -> c.key().startsWith(prefix))
        .toList();
  }

  /** True when the last change heard for {@code key} deleted it. */
  boolean deleted(String key) {
    List<Changed> forKey = changes(key).stream().filter(c -> c.key().equals(key)).toList();
    return !forKey.isEmpty() && forKey.get(forKey.size() - 1).value() == null;
  }
}
