package dev.wayfinder.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dig's ({@code +comments}) and kdig's default output into a {@link DigResult}. Both print a
 * {@code ->>HEADER<<-} line, a flags line, an EDNS pseudosection and {@code ;; X SECTION:} headers,
 * with small differences of punctuation that the patterns below allow for. When the output holds
 * several responses (dig retrying over TCP or without EDNS), the last one wins.
 */
final class DigOutputParser {
  private static final Pattern STATUS = Pattern.compile("status: ([A-Z0-9]+)");
  private static final Pattern FLAGS = Pattern.compile("^;; [Ff]lags:([^;]*);");
  private static final Pattern DIG_UDP = Pattern.compile("^; EDNS: .*udp: (\\d+)");
  private static final Pattern KDIG_UDP = Pattern.compile("^;; Version: .*UDP size: (\\d+)");
  private static final Pattern SECTION = Pattern.compile("^;; ([A-Z]+) SECTION:");

  private String status;
  private Set<String> flags = Set.of();
  private int ednsUdpSize = -1;
  private List<Rr> answer = new ArrayList<>();
  private List<Rr> authority = new ArrayList<>();
  private List<Rr> additional = new ArrayList<>();
  private List<Rr> current;

  private DigOutputParser() {}

  static DigResult parse(String output) {
    DigOutputParser p = new DigOutputParser();
    output.lines().forEach(p::line);
    return new DigResult(
        p.status,
        p.flags,
        p.ednsUdpSize,
        List.copyOf(p.answer),
        List.copyOf(p.authority),
        List.copyOf(p.additional),
        output);
  }

  private void line(String line) {
    if (line.contains("->>HEADER<<-")) {
      startResponse(line);
      return;
    }
    Matcher m;
    if ((m = FLAGS.matcher(line)).find()) {
      flags = words(m.group(1));
    } else if ((m = DIG_UDP.matcher(line)).find() || (m = KDIG_UDP.matcher(line)).find()) {
      ednsUdpSize = Integer.parseInt(m.group(1));
    } else if ((m = SECTION.matcher(line)).find()) {
      current = section(m.group(1));
    } else if (line.isBlank() || line.startsWith(";")) {
      // a comment or the gap between sections; records never start with ';'
    } else if (current != null) {
      Rr rr = Rr.parse(line);
      if (rr != null && !rr.type().equals("OPT")) {
        current.add(rr);
      }
    }
  }

  private void startResponse(String header) {
    Matcher m = STATUS.matcher(header);
    status = m.find() ? m.group(1) : "UNKNOWN";
    flags = Set.of();
    ednsUdpSize = -1;
    answer = new ArrayList<>();
    authority = new ArrayList<>();
    additional = new ArrayList<>();
    current = null;
  }

  private List<Rr> section(String name) {
    return switch (name) {
      case "ANSWER" -> answer;
      case "AUTHORITY" -> authority;
      case "ADDITIONAL" -> additional;
      default -> null; // QUESTION, and any pseudosection
    };
  }

  private static Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : text.trim().split("\\s+")) {
      if (!w.isEmpty()) {
        out.add(w.toLowerCase(Locale.ROOT));
      }
    }
    return Set.copyOf(out);
  }
}
