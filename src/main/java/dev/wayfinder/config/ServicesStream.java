package dev.wayfinder.config;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Validates {@code services:} while the parser streams it, before the rest of the file has been
 * validated. A service's default TTL and the zone its names must fit under come from {@code dns:};
 * when that section came before the list (the usual order) its values are read ahead, else the
 * defaults are assumed. Errors go aside until {@link #finish}: if the real {@code dns:} turns out
 * to differ from what was assumed, the streamed results are dropped and the list is read again.
 */
final class ServicesStream implements YamlTreeReader.ListListener {
  /** Opens the config text again, for the second read. */
  interface Source {
    Reader open() throws IOException;
  }

  private final LoadContext ctx;
  private final boolean json;
  private final int expectedServices;
  private Problems aside;
  private ServicesReader reader;

  /**
   * @param json the text was read as JSON, so read it again the same way
   * @param expectedServices about how many services the text holds, to size tables by
   */
  ServicesStream(LoadContext ctx, boolean json, int expectedServices) {
    this.ctx = ctx;
    this.json = json;
    this.expectedServices = expectedServices;
  }

  @Override
  public void begin(List<YamlNode.Entry> before) {
    // Read dns.zone and dns.ttl ahead with errors dropped: they are reported when dns is validated.
    LoadContext quiet = ctx.withProblems(ctx.problems().sibling());
    Section root =
        Section.of(quiet, "", 1, new YamlNode.Mapping(1, before), ConfigLoader.ROOT_KEYS);
    Section dns = DnsSectionReader.section(root);
    reader = newReader(DnsSectionReader.zone(dns), DnsSectionReader.ttl(dns));
  }

  @Override
  public void item(int index, YamlNode item) {
    reader.item(index, item);
  }

  /**
   * The services validated against the real {@code dns}, their errors added to the load's.
   *
   * @param root the root section, holding {@code services:} itself when it was not a streamed list
   * @param source the text again, for when the list streamed under assumptions that were wrong
   */
  ServicesReader finish(Section root, DnsConfig dns, Source source) {
    if (reader == null) {
      reader = newReader(dns.zone(), dns.ttl());
      reader.readTree(root);
    } else if (!reader.zone().equals(dns.zone()) || reader.defaultTtl() != dns.ttl()) {
      reader = newReader(dns.zone(), dns.ttl());
      readAgain(source);
    }
    ctx.problems().addAll(aside);
    return reader;
  }

  private void readAgain(Source source) {
    try (Reader in = source.open()) {
      YamlTreeReader.readStreamedList(in, reader, json);
    } catch (IOException e) {
      ctx.problems().add(0, ConfigLoader.WHOLE_FILE, "cannot read the file again: " + e);
    }
  }

  private ServicesReader newReader(String zone, long ttl) {
    aside = ctx.problems().sibling();
    return new ServicesReader(ctx.withProblems(aside), zone, ttl, expectedServices);
  }
}
