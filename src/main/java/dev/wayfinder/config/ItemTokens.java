package dev.wayfinder.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One item of the streamed {@code services:} list as a flat run of tokens: kinds, texts and lines
 * in arrays reused from item to item. A service written the usual way is read straight from here
 * ({@link FastServiceReader}); any other becomes a located tree ({@link #node}) for the validator
 * that names every problem. At 100,000 services the tree of each item was half the bytes the load
 * allocated.
 */
final class ItemTokens {
  static final byte MAP = 1;
  static final byte MAP_END = 2;
  static final byte LIST = 3;
  static final byte LIST_END = 4;
  static final byte KEY = 5;
  static final byte SCALAR = 6;
  static final byte NULL = 7;

  /**
   * Short scalars seen before, by a hash of their characters: a port, protocol, TTL or weight is
   * the same few words across 100,000 services, and each was a new string to make and to hash.
   */
  private final String[] recent = new String[256];

  private byte[] kinds = new byte[64];
  private String[] texts = new String[64];
  private int[] lines = new int[64];
  private int size;

  /**
   * The characters of the item's longer JSON scalars, back to back; such a scalar's text is made
   * from here only when asked for ({@link #text(int)}): an endpoint address is read from the
   * characters ({@link #ipv4}), and its string was one of the read's biggest sources of garbage.
   */
  private char[] chars = new char[256];

  private int charsUsed;
  private int[] charsAt = new int[64];
  private int[] charsLength = new int[64];

  /** Address bytes for {@link #ipv4}: {@link InetAddress#getByAddress} copies them. */
  private final byte[] quad = new byte[4];

  /** Reads the item whose first token is the parser's current one, through its last token. */
  void read(JsonParser p) throws IOException {
    Arrays.fill(texts, 0, size, null); // the last item's strings are garbage now
    size = 0;
    charsUsed = 0;
    int depth = 0;
    do {
      JsonToken t = p.currentToken();
      int line = YamlTreeReader.line(p);
      switch (t) {
        case START_OBJECT -> {
          add(MAP, null, line);
          depth++;
        }
        case START_ARRAY -> {
          add(LIST, null, line);
          depth++;
        }
        case END_OBJECT -> {
          add(MAP_END, null, line);
          depth--;
        }
        case END_ARRAY -> {
          add(LIST_END, null, line);
          depth--;
        }
        case FIELD_NAME -> add(KEY, p.currentName(), line);
        case VALUE_NULL -> add(NULL, "", line);
        default -> addScalar(p, line);
      }
    } while (depth > 0 && p.nextToken() != null);
  }

  /**
   * Adds the current scalar. JSON only: a short one seen before is that same string, a longer one
   * is kept as characters (Jackson's JSON parser hands out its own buffer; the YAML one would copy
   * its string into a new array, so YAML scalars are strings at once).
   */
  private void addScalar(JsonParser p, int line) throws IOException {
    if (!(p instanceof ConfigJsonParser)) {
      add(SCALAR, p.getText(), line);
    } else if (p.getTextLength() <= 8) {
      add(SCALAR, shortText(p), line);
    } else {
      int len = p.getTextLength();
      if (charsUsed + len > chars.length) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charsUsed + len));
      }
      System.arraycopy(p.getTextCharacters(), p.getTextOffset(), chars, charsUsed, len);
      add(SCALAR, null, line);
      charsAt[size - 1] = charsUsed;
      charsLength[size - 1] = len;
      charsUsed += len;
    }
  }

  /** A short scalar's text: the string made when it was first seen, when it was. */
  private String shortText(JsonParser p) throws IOException {
    char[] chars = p.getTextCharacters();
    int from = p.getTextOffset();
    int len = p.getTextLength();
    int h = len;
    for (int i = from; i < from + len; i++) {
      h = 31 * h + chars[i];
    }
    int slot = (h ^ h >>> 8) & (recent.length - 1);
    String known = recent[slot];
    if (known != null && same(known, chars, from, len)) {
      return known;
    }
    return recent[slot] = new String(chars, from, len);
  }

  private static boolean same(String known, char[] chars, int from, int len) {
    if (known.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (known.charAt(i) != chars[from + i]) {
        return false;
      }
    }
    return true;
  }

  private void add(byte kind, String text, int line) {
    if (size == kinds.length) {
      kinds = Arrays.copyOf(kinds, size * 2);
      texts = Arrays.copyOf(texts, size * 2);
      lines = Arrays.copyOf(lines, size * 2);
      charsAt = Arrays.copyOf(charsAt, size * 2);
      charsLength = Arrays.copyOf(charsLength, size * 2);
    }
    kinds[size] = kind;
    texts[size] = text;
    lines[size++] = line;
  }

  byte kind(int at) {
    return kinds[at];
  }

  /** A key's name or a scalar's text ({@code ""} for a null). */
  String text(int at) {
    String t = texts[at];
    if (t == null && kinds[at] == SCALAR) {
      t = texts[at] = new String(chars, charsAt[at], charsLength[at]);
    }
    return t;
  }

  /**
   * The scalar at {@code at} as an IPv4 address when it is one written plainly: four decimal
   * numbers of 0-255 without leading zeros, read from the kept characters without making its text.
   * {@code null} for anything else, whose text then goes to the general parser (dnsjava's), which
   * takes all that this takes and more. Hand-written because no parser at hand reads a range of
   * characters: dnsjava's takes a string, the very allocation this avoids.
   */
  InetAddress ipv4(int at) {
    if (kinds[at] != SCALAR || texts[at] != null) {
      return null;
    }
    int i = charsAt[at];
    int end = i + charsLength[at];
    for (int part = 0; part < 4; part++) {
      int from = i;
      int value = 0;
      while (i < end && i - from < 3 && chars[i] >= '0' && chars[i] <= '9') {
        value = value * 10 + (chars[i++] - '0');
      }
      int digits = i - from;
      if (digits == 0 || value > 255 || (digits > 1 && chars[from] == '0')) {
        return null;
      }
      quad[part] = (byte) value;
      if (part < 3) {
        if (i == end || chars[i] != '.') {
          return null;
        }
        i++;
      }
    }
    if (i != end) {
      return null;
    }
    try {
      return InetAddress.getByAddress(quad);
    } catch (UnknownHostException e) {
      throw new AssertionError(e); // four bytes are always an address
    }
  }

  int line(int at) {
    return lines[at];
  }

  /** The index of the token after the node that starts at {@code at}. */
  int skip(int at) {
    int depth = 0;
    int i = at;
    do {
      byte k = kinds[i++];
      depth += k == MAP || k == LIST ? 1 : k == MAP_END || k == LIST_END ? -1 : 0;
    } while (depth > 0);
    return i;
  }

  /** The item as a located tree. */
  YamlNode node() {
    return node(0);
  }

  /** The node that starts at token {@code at}, as a located tree. */
  YamlNode node(int at) {
    int[] next = {at};
    return nodeAt(next);
  }

  private YamlNode nodeAt(int[] next) {
    int at = next[0]++;
    switch (kinds[at]) {
      case MAP -> {
        List<YamlNode.Entry> entries = new ArrayList<>();
        while (kinds[next[0]] == KEY) {
          int key = next[0]++;
          entries.add(new YamlNode.Entry(text(key), lines[key], nodeAt(next)));
        }
        next[0]++;
        return new YamlNode.Mapping(lines[at], entries);
      }
      case LIST -> {
        List<YamlNode> items = new ArrayList<>();
        while (kinds[next[0]] != LIST_END) {
          items.add(nodeAt(next));
        }
        next[0]++;
        return new YamlNode.Sequence(lines[at], items);
      }
      case NULL -> {
        return new YamlNode.Scalar(lines[at], "", true);
      }
      default -> {
        return new YamlNode.Scalar(lines[at], text(at), false);
      }
    }
  }
}
