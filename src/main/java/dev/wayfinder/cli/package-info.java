/**
 * The command line (picocli) and the daemon's assembly: wires the packages together in the
 * direction data flows and stops them in reverse. Holds no state of its own.
 */
package dev.wayfinder.cli;
