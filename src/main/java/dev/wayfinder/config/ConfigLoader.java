package dev.wayfinder.config;

import static dev.wayfinder.config.Section.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a YAML config into a {@link WayfinderConfig}, validating all of it and reporting every
 * error at once with file, line, key path and message.
 *
 * <p>Two passes: {@link YamlTreeReader} turns the text into a tree whose nodes know their lines,
 * then the section readers validate that tree into the records. Sections are read in dependency
 * order (keys before the references to them, the zone before service names), and a config is only
 * returned when no error was found, so what the daemon gets is whole and sealed.
 */
public final class ConfigLoader {
  private static final Set<String> ROOT_KEYS =
      keys("dns", "admin", "data_dir", "query_log", "tsig_keys", "services", "publish", "cluster");

  /** The path of problems with the file as a whole (syntax, unreadable, not a map). */
  static final String WHOLE_FILE = "(file)";

  private ConfigLoader() {}

  /** Loads and validates {@code file}; errors name the file as given. */
  public static WayfinderConfig load(Path file) throws ConfigException {
    return load(file, ConfigEnvironment.system());
  }

  /** Like {@link #load(Path)} with an injected environment. */
  public static WayfinderConfig load(Path file, ConfigEnvironment env) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(new ConfigError(file.toString(), 0, WHOLE_FILE, "cannot read the file: " + e)));
    }
    return read(file.toString(), text, baseDir(file), file, env);
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
    return read(fileName, yaml, baseDir(Path.of(fileName)), Path.of(fileName), env);
  }

  /** The built-in default of SPEC.md: DNS 127.0.0.1:5353, admin 127.0.0.1:8053, no services. */
  public static WayfinderConfig defaults() {
    try {
      return read("(defaults)", "", Path.of("."), null, ConfigEnvironment.system());
    } catch (ConfigException e) {
      throw new AssertionError("the built-in default is invalid: " + e.getMessage(), e);
    }
  }

  private static WayfinderConfig read(
      String fileName, String yaml, Path baseDir, Path source, ConfigEnvironment env)
      throws ConfigException {
    Problems problems = new Problems(fileName);
    YamlNode tree;
    try {
      tree = YamlTreeReader.read(yaml);
    } catch (YamlTreeReader.SyntaxException e) {
      problems.add(e.line(), WHOLE_FILE, "YAML syntax error: " + e.getMessage());
      problems.throwIfAny();
      throw new AssertionError("unreachable");
    }
    if (tree != null && !(tree instanceof YamlNode.Mapping) && !isNull(tree)) {
      problems.add(tree.line(), WHOLE_FILE, "must be a map of sections, not " + tree.kind());
      tree = null;
    }
    LoadContext ctx = new LoadContext(problems, env, baseDir);
    WayfinderConfig config = validate(Section.of(ctx, "", 1, tree, ROOT_KEYS), source);
    problems.throwIfAny();
    return config;
  }

  private static WayfinderConfig validate(Section root, Path source) {
    List<TsigKeyConfig> tsigKeys = PublishReader.tsigKeys(root);
    Set<String> keyNames = tsigKeys.stream().map(TsigKeyConfig::name).collect(Collectors.toSet());
    DnsConfig dns = DnsSectionReader.read(root, keyNames);
    AdminConfig admin = OperationsReader.admin(root);
    List<ServiceConfig> services = ServicesReader.read(root, dns);
    Set<String> serviceNames =
        services.stream().map(ServiceConfig::name).collect(Collectors.toSet());
    return new WayfinderConfig(
        source,
        dns,
        admin,
        OperationsReader.dataDir(root),
        OperationsReader.queryLog(root),
        tsigKeys,
        services,
        PublishReader.publish(root, keyNames, serviceNames),
        OperationsReader.cluster(root));
  }

  private static boolean isNull(YamlNode node) {
    return node instanceof YamlNode.Scalar s && s.isNull();
  }

  private static Path baseDir(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(".") : parent;
  }
}
