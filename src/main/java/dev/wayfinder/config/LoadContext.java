package dev.wayfinder.config;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything one load shares: where errors go, the environment for {@code ${NAME}}, the directory
 * relative paths resolve against, and the resolv.conf to expand.
 */
final class LoadContext {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final Problems problems;
  private final Function<String, String> variables;
  private final Path baseDir;
  private final Path resolvConf;

  LoadContext(Problems problems, ConfigEnvironment env, Path baseDir) {
    this(problems, env.variables(), baseDir, env.resolvConf());
  }

  private LoadContext(
      Problems problems, Function<String, String> variables, Path baseDir, Path resolvConf) {
    this.problems = problems;
    this.variables = variables;
    this.baseDir = baseDir;
    this.resolvConf = resolvConf;
  }

  /** The same load with errors going to {@code other}, to be merged or dropped later. */
  LoadContext withProblems(Problems other) {
    return new LoadContext(other, variables, baseDir, resolvConf);
  }

  Problems problems() {
    return problems;
  }

  Path baseDir() {
    return baseDir;
  }

  Path resolvConf() {
    return resolvConf;
  }

  /**
   * Replaces each {@code ${NAME}} in {@code text}.
   *
   * @param unsetIsEmpty when true an unset variable reads as empty; else it is an error
   * @return the substituted text, or {@code null} after reporting an unset variable
   */
  String substitute(String text, int line, String path, boolean unsetIsEmpty) {
    if (text.indexOf("${") < 0) {
      return text;
    }
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    boolean ok = true;
    while (m.find()) {
      String value = variables.apply(m.group(1));
      if (value == null && !unsetIsEmpty) {
        problems.add(line, path, "environment variable " + m.group(1) + " is not set");
        ok = false;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    return ok ? out.toString() : null;
  }
}
