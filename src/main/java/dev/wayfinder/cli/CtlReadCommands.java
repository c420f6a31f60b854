package dev.wayfinder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The read-only subcommands of {@code wayfinder ctl}: {@code services} and {@code show}. */
final class CtlReadCommands {
  private CtlReadCommands() {}

  /** {@code services}: every service, one line each. */
  @Command(name = "services", description = "List the services with their endpoints' health.")
  static final class Services extends CtlCommand.Sub {
    @Override
    void run(AdminClient api, PrintWriter out) throws CtlException {
      JsonNode body = api.get("/api/v1/services").body();
      if (json()) {
        printJson(out, body);
        return;
      }
      Table t = new Table("NAME", "SOURCE", "ENDPOINTS", "HEALTHY", "MAINTENANCE");
      for (JsonNode s : body.path("services")) {
        int healthy = 0;
        for (JsonNode e : s.path("endpoints")) {
          healthy += "healthy".equals(e.path("state").asText()) ? 1 : 0;
        }
        t.row(
            s.path("name").asText(),
            s.path("source").asText(),
            String.valueOf(s.path("endpoints").size()),
            String.valueOf(healthy),
            CtlViews.onOff(s.path("maintenance").asBoolean()));
      }
      t.print(out);
    }
  }

  /** {@code show NAME}: one service, its endpoints with their last probe. */
  @Command(name = "show", description = "Show a service and its endpoints' states.")
  static final class Show extends CtlCommand.Sub {
    @Parameters(index = "0", paramLabel = "NAME", description = "The service.")
    String name;

    @Override
    void run(AdminClient api, PrintWriter out) throws CtlException {
      JsonNode s = api.get(AdminClient.servicePath(name)).body();
      if (json()) {
        printJson(out, s);
      } else {
        CtlViews.service(s, out);
      }
    }
  }
}
