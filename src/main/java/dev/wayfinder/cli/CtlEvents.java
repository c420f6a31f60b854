package dev.wayfinder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code events [--follow]}: the recent endpoint state changes, newest last; with {@code --follow}
 * each new one printed as it arrives (Server-Sent Events) until interrupted. Followed with {@code
 * --json}, each event is one line of JSON.
 */
@Command(
    name = "events",
    description = "Show recent endpoint state changes; --follow streams them.")
final class CtlEvents extends CtlCommand.Sub {
  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing events as they happen, until interrupted.")
  boolean follow;

  @Override
  void run(AdminClient api, PrintWriter out) throws CtlException {
    if (follow) {
      follow(api, out);
      return;
    }
    JsonNode body = api.get("/api/v1/events").body();
    if (json()) {
      printJson(out, body);
      return;
    }
    Table t = new Table(CtlViews.EVENT_COLUMNS.toArray(String[]::new));
    for (JsonNode e : body.path("events")) {
      t.row(CtlViews.eventCells(e).toArray(String[]::new));
    }
    t.print(out);
  }

  private void follow(AdminClient api, PrintWriter out) throws CtlException {
    boolean json = json();
    if (!json) {
      out.println(Table.line(CtlViews.EVENT_COLUMNS, CtlViews.EVENT_WIDTHS));
      out.flush();
    }
    api.follow(
        "/api/v1/events?follow=1",
        e -> {
          out.println(
              json ? e.toString() : Table.line(CtlViews.eventCells(e), CtlViews.EVENT_WIDTHS));
          out.flush();
        });
    throw new CtlException(CtlException.FAILURE, "the admin API ended the event stream");
  }
}
