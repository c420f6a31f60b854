/**
 * Owns the configuration: the YAML file's schema as immutable records, its parsing (Jackson, with
 * line numbers; {@code services:} streamed service by service, so 100,000 of them fit a small heap)
 * and its validation, which reports every error at once as {@code FILE:LINE: path.to.key: message}.
 *
 * <p>Imports nothing of Wayfinder's: every other package reads config, none writes it.
 */
package dev.wayfinder.config;
