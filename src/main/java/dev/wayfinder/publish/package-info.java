/**
 * Owns publishing: pushing each service's answer set ({@link dev.wayfinder.zone.AnswerSet}, the set
 * DNS answers with) to external places when it changes. The {@code Publisher} hears registry and
 * health changes, recomputes the answer sets of the changed services on its own thread and hands
 * one {@link dev.wayfinder.publish.AnswerSetChange} per service to every {@link
 * dev.wayfinder.publish.PublishTarget}; targets (webhooks, RFC 2136) keep the latest desired state
 * per service and retry with backoff, reporting through {@link
 * dev.wayfinder.publish.PublishOutcomes}. Publishing never slows DNS or health and never affects
 * readiness.
 *
 * <p>May import {@code registry}, {@code health}, {@code zone}, {@code config}. Nothing imports it
 * but {@code cli} (which assembles it) and {@code admin} (which reports it).
 */
package dev.wayfinder.publish;
