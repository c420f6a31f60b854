package dev.wayfinder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wayfinder.registry.IpLiteral;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The subcommands of {@code wayfinder ctl} that change things: {@code put}, {@code delete}, {@code
 * drain}, {@code undrain}, {@code maintenance}. Each prints one line saying what is now so, or with
 * {@code --json} the API's answer.
 */
final class CtlWriteCommands {
  private CtlWriteCommands() {}

  /** {@code put NAME -f FILE}: create or replace an API service from a YAML or JSON file. */
  @Command(
      name = "put",
      description = "Create or replace a service from FILE (YAML or JSON, the config's shape).")
  static final class Put extends CtlCommand.Sub {
    @Parameters(index = "0", paramLabel = "NAME", description = "The service.")
    String name;

    @Option(
        names = {"-f", "--file"},
        paramLabel = "FILE",
        required = true,
        description = "One service as the config writes it; its name may be left out.")
    Path file;

    @Override
    void run(AdminClient api, PrintWriter out) throws CtlException {
      AdminClient.Reply r = api.put(AdminClient.servicePath(name), read(file));
      if (json()) {
        printJson(out, r.body());
      } else {
        out.println((r.status() == 201 ? "created " : "replaced ") + name);
      }
    }

    /** The file as JSON: a service map, or a list of exactly one (as under {@code services:}). */
    static JsonNode read(Path file) throws CtlException {
      JsonNode tree;
      try {
        tree = new YAMLMapper().readTree(file.toFile());
      } catch (IOException e) {
        throw new CtlException(CtlException.USAGE, "cannot read " + file + ": " + e.getMessage());
      }
      if (tree != null && tree.isArray() && tree.size() == 1) {
        tree = tree.get(0);
      }
      if (!(tree instanceof ObjectNode)) {
        throw new CtlException(
            CtlException.USAGE, file + " must hold one service (a map of its keys)");
      }
      return tree;
    }
  }

  /** {@code delete NAME}: remove an API service. */
  @Command(name = "delete", description = "Delete a service created through the API.")
  static final class Delete extends CtlCommand.Sub {
    @Parameters(index = "0", paramLabel = "NAME", description = "The service.")
    String name;

    @Override
    void run(AdminClient api, PrintWriter out) throws CtlException {
      api.delete(AdminClient.servicePath(name));
      if (!json()) {
        out.println("deleted " + name);
      }
    }
  }

  /** {@code drain NAME ADDRESS} and {@code undrain}: the shared part. */
  abstract static class EndpointCommand extends CtlCommand.Sub {
    @Parameters(index = "0", paramLabel = "NAME", description = "The service.")
    String name;

    @Parameters(index = "1", paramLabel = "ADDRESS", description = "The endpoint's address.")
    String address;

    abstract String action();

    @Override
    void run(AdminClient api, PrintWriter out) throws CtlException {
      JsonNode s =
          api.post(
                  AdminClient.servicePath(name, "endpoints", address, action()),
                  AdminClient.JSON.createObjectNode())
              .body();
      if (json()) {
        printJson(out, s);
        return;
      }
      String state = "";
      InetAddress wanted = IpLiteral.toAddress(address);
      for (JsonNode e : s.path("endpoints")) {
        String a = e.path("address").asText();
        if (a.equals(address) || wanted != null && wanted.equals(IpLiteral.toAddress(a))) {
          state = e.path("state").asText();
        }
      }
      out.println(
          name
              + " "
              + address
              + ": "
              + action()
              + "ed"
              + (state.isEmpty() ? "" : ", now " + state));
    }
  }

  /** {@code drain NAME ADDRESS}: stop answering with the endpoint, keep probing it. */
  @Command(name = "drain", description = "Drain an endpoint: no longer in answers.")
  static final class Drain extends EndpointCommand {
    @Override
    String action() {
      return "drain";
    }
  }

  /** {@code undrain NAME ADDRESS}: back to its probed state. */
  @Command(name = "undrain", description = "Undrain an endpoint: back to its probed state.")
  static final class Undrain extends EndpointCommand {
    @Override
    String action() {
      return "undrain";
    }
  }

  /** {@code maintenance NAME on|off}. */
  @Command(name = "maintenance", description = "Turn a service's maintenance mode on or off.")
  static final class Maintenance extends CtlCommand.Sub {
    @Parameters(index = "0", paramLabel = "NAME", description = "The service.")
    String name;

    @Parameters(index = "1", paramLabel = "on|off", description = "on or off.")
    String mode;

    @Override
    void run(AdminClient api, PrintWriter out) throws CtlException {
      boolean on =
          switch (mode.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new CtlException(CtlException.USAGE, "expected on or off: " + mode);
          };
      JsonNode s =
          api.post(
                  AdminClient.servicePath(name, "maintenance"),
                  AdminClient.JSON.createObjectNode().put("on", on))
              .body();
      if (json()) {
        printJson(out, s);
      } else {
        out.println(name + ": maintenance " + CtlViews.onOff(s.path("maintenance").asBoolean(on)));
      }
    }
  }
}
