package dev.wayfinder.config;

import static dev.wayfinder.config.Section.keys;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a YAML config into a {@link WayfinderConfig}, validating all of it and reporting every
 * error at once with file, line, key path and message. A config written as JSON is YAML too, and is
 * parsed by Jackson's JSON parser first (see {@link YamlTreeReader}).
 *
 * <p>Two passes: {@link YamlTreeReader} turns the text into a tree whose nodes know their lines,
 * then the section readers validate that tree into the records. Sections are read in dependency
 * order (keys before the references to them, the zone before service names), and a config is only
 * returned when no error was found, so what the daemon gets is whole and sealed. The exception is
 * {@code services:}, which can run to 100,000 entries: it is validated service by service (by the
 * registry's rules, see {@link ServicesReader}) while the parser streams it ({@link
 * ServicesStream}), so memory holds the results, not the tree.
 */
public final class ConfigLoader {
  static final Set<String> ROOT_KEYS =
      keys(
          "dns",
          "admin",
          "data_dir",
          "query_log",
          "tsig_keys",
          "services",
          "publish",
          "cluster",
          "diagnostics");

  /** The path of problems with the file as a whole (syntax, unreadable, not a map). */
  static final String WHOLE_FILE = "(file)";

  private ConfigLoader() {}

  /** Loads and validates {@code file}; errors name the file as given. */
  public static WayfinderConfig load(Path file) throws ConfigException {
    return load(file, ConfigEnvironment.system());
  }

  /** Like {@link #load(Path)} with an injected environment. */
  public static WayfinderConfig load(Path file, ConfigEnvironment env) throws ConfigException {
    return read(
        file.toString(),
        () -> Files.newBufferedReader(file, StandardCharsets.UTF_8),
        sizeOf(file),
        baseDir(file),
        file,
        env);
  }

  /** The file's size in bytes, or 0 when it cannot be had (opening it reports why). */
  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Parses YAML text; relative paths in it resolve against {@code fileName}'s directory.
   *
   * @param fileName the name errors are reported under
   */
  public static WayfinderConfig parse(String fileName, String yaml) throws ConfigException {
    return parse(fileName, yaml, ConfigEnvironment.system());
  }

  /** Like {@link #parse(String, String)} with an injected environment. */
  public static WayfinderConfig parse(String fileName, String yaml, ConfigEnvironment env)
      throws ConfigException {
    return read(
        fileName,
        () -> new StringReader(yaml),
        yaml.length(),
        baseDir(Path.of(fileName)),
        Path.of(fileName),
        env);
  }

  /** The built-in default of SPEC.md: DNS 127.0.0.1:5353, admin 127.0.0.1:8053, no services. */
  public static WayfinderConfig defaults() {
    try {
      return read(
          "(defaults)",
          () -> new StringReader(""),
          0,
          Path.of("."),
          null,
          ConfigEnvironment.system());
    } catch (ConfigException e) {
      throw new AssertionError("the built-in default is invalid: " + e.getMessage(), e);
    }
  }

  /** {@code size}: the text's length in bytes or characters, to size the tables of services. */
  private static WayfinderConfig read(
      String fileName,
      ServicesStream.Source text,
      long size,
      Path baseDir,
      Path source,
      ConfigEnvironment env)
      throws ConfigException {
    try {
      return read(fileName, text, size, baseDir, source, env, true);
    } catch (YamlTreeReader.NotJsonException e) {
      try {
        return read(fileName, text, size, baseDir, source, env, false);
      } catch (YamlTreeReader.NotJsonException cannot) {
        throw new AssertionError("the YAML read never reports NotJson", cannot);
      }
    }
  }

  /** One read; {@code json}: a text that starts like JSON is tried with the JSON parser first. */
  private static WayfinderConfig read(
      String fileName,
      ServicesStream.Source text,
      long size,
      Path baseDir,
      Path source,
      ConfigEnvironment env,
      boolean json)
      throws ConfigException, YamlTreeReader.NotJsonException {
    Problems problems = new Problems(fileName);
    LoadContext ctx = new LoadContext(problems, env, baseDir);
    ServicesStream services = new ServicesStream(ctx, json, ServicesReader.expectedServices(size));
    YamlNode tree = parse(fileName, text, services, json);
    if (tree != null && !(tree instanceof YamlNode.Mapping) && !isNull(tree)) {
      problems.add(tree.line(), WHOLE_FILE, "must be a map of sections, not " + tree.kind());
      tree = null;
    }
    Section root = Section.of(ctx, "", 1, tree, ROOT_KEYS);
    WayfinderConfig config = validate(root, source, services, text);
    problems.throwIfAny();
    return config;
  }

  /** The root tree, its services streamed to {@code services}; a syntax error is the only error. */
  private static YamlNode parse(
      String fileName, ServicesStream.Source text, ServicesStream services, boolean json)
      throws ConfigException, YamlTreeReader.NotJsonException {
    IOException[] readFailure = new IOException[1];
    try (Reader in = new FailureRecordingReader(text.open(), readFailure)) {
      return YamlTreeReader.read(in, services, json);
    } catch (IOException e) {
      readFailure[0] = e;
    } catch (YamlTreeReader.SyntaxException e) {
      if (readFailure[0] == null) {
        throw only(fileName, e.line(), "YAML syntax error: " + e.getMessage());
      }
    } catch (YamlTreeReader.NotJsonException e) {
      if (readFailure[0] == null) {
        throw e;
      }
    }
    throw only(fileName, 0, "cannot read the file: " + readFailure[0]);
  }

  private static ConfigException only(String fileName, int line, String message) {
    return new ConfigException(List.of(new ConfigError(fileName, line, WHOLE_FILE, message)));
  }

  private static WayfinderConfig validate(
      Section root, Path source, ServicesStream stream, ServicesStream.Source text) {
    List<TsigKeyConfig> tsigKeys = PublishReader.tsigKeys(root);
    Set<String> keyNames = tsigKeys.stream().map(TsigKeyConfig::name).collect(Collectors.toSet());
    DnsConfig dns = DnsSectionReader.read(root, keyNames);
    AdminConfig admin = OperationsReader.admin(root);
    ServicesReader services = stream.finish(root, dns, text);
    return new WayfinderConfig(
        source,
        dns,
        admin,
        OperationsReader.dataDir(root),
        OperationsReader.queryLog(root),
        tsigKeys,
        services.services(),
        PublishReader.publish(root, keyNames, services.names()),
        OperationsReader.cluster(root),
        DiagnosticsReader.read(root));
  }

  private static boolean isNull(YamlNode node) {
    return node instanceof YamlNode.Scalar s && s.isNull();
  }

  private static Path baseDir(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(".") : parent;
  }

  /**
   * Keeps the first read failure: the YAML parser reports a failing reader as a syntax error, and
   * an unreadable file (bad UTF-8, an I/O error) should say so.
   */
  private static final class FailureRecordingReader extends FilterReader {
    private final IOException[] failure;

    FailureRecordingReader(Reader in, IOException[] failure) {
      super(in);
      this.failure = failure;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      try {
        return super.read(buf, off, len);
      } catch (IOException e) {
        failure[0] = failure[0] == null ? e : failure[0];
        throw e;
      }
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        failure[0] = failure[0] == null ? e : failure[0];
        throw e;
      }
    }
  }
}
