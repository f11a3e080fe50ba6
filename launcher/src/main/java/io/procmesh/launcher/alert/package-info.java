/**
 * Alerts: what the launcher raises when something needs an operator ({@link io.procmesh.launcher.alert.Alerts}),
 * kept in the durable topic {@code alerts} of the data directory, read by {@code procmesh alerts}, and posted to a
 * webhook in Alertmanager's format ({@link io.procmesh.launcher.alert.AlertWebhook}) from a thread of its own, so
 * that a slow or absent receiver never holds supervision up.
 */
package io.procmesh.launcher.alert;
