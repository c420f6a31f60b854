package dev.wayfinder.cluster;

import io.etcd.jetcd.ByteSequence;
import java.nio.charset.StandardCharsets;

/**
 * The cluster's prefix and the mapping between the relative keys listeners see ({@code members/n1})
 * and the absolute keys etcd stores ({@code /wayfinder/members/n1}).
 */
final class EtcdKeys {
  private final String root;

  /**
   * {@code prefix} with or without its trailing slash: {@code /wayfinder} and {@code /wayfinder/}
   * are one prefix.
   */
  EtcdKeys(String prefix) {
    this.root = prefix.endsWith("/") ? prefix : prefix + "/";
  }

  /**
   * Everything under the prefix, for a prefix read or watch; never a sibling such as {@code
   * /wayfinder2}.
   */
  ByteSequence root() {
    return bytes(root);
  }

  ByteSequence absolute(String relative) {
    return bytes(root + relative);
  }

  /** The relative name of an absolute key, or null when the key lies outside the prefix. */
  String relative(ByteSequence absolute) {
    String key = absolute.toString(StandardCharsets.UTF_8);
    return key.startsWith(root) && key.length() > root.length()
        ? key.substring(root.length())
        : null;
  }

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  static String text(ByteSequence bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
