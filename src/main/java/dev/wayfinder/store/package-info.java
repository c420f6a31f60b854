/**
 * Owns the node's durable state: what the admin API changed (services created through it, drains,
 * maintenance), kept in SQLite at {@code data_dir/wayfinder.db} so that a change the API answered
 * 2xx survives a crash ({@code synchronous=FULL} in WAL mode: a commit is on disk when it returns).
 * The daemon reads it back at start, before DNS answers.
 *
 * <p>Holds text only (service names, addresses, the services' JSON bodies): reading a body back is
 * the config reader's job. Imports nothing of Wayfinder's; no package but {@code admin} and {@code
 * cli} imports it.
 */
package dev.wayfinder.store;
