/**
 * The command line (picocli) and the daemon's assembly: wires the packages together in the
 * direction data flows and stops them in reverse, and reloads the config file (watched, or on
 * SIGHUP) as the config file's source of services. {@code wayfinder ctl} ({@code CtlCommand}) is a
 * client of the admin HTTP API: it speaks the API's JSON, never the daemon's objects.
 */
package dev.wayfinder.cli;
