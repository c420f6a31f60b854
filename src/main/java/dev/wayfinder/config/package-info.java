/**
 * Owns the configuration file: its schema as immutable records and its one reader (Jackson's YAML
 * or JSON parser, walked through its public token and location API into located trees; {@code
 * services:} streamed item by item, so 100,000 of them fit a small heap), which reports every error
 * at once as {@code FILE:LINE: path.to.key: message}.
 *
 * <p>What is about the file's text is checked here: keys, shapes, {@code ${NAME}}, durations, YAML
 * 1.1's words. A service is read into the registry's {@link dev.wayfinder.registry.ServiceDraft}
 * and judged by its {@link dev.wayfinder.registry.ServiceValidator} and {@link
 * dev.wayfinder.registry.ServiceNames}, whose problems (paths relative to the service) are placed
 * here at their file and line.
 *
 * <p>Imports {@code registry} (the domain's types and rules), nothing else of Wayfinder's.
 */
package dev.wayfinder.config;
