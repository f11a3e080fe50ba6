/**
 * Incident capture: when an instance dies, or is killed as hung or stuck, the launcher writes what an operator needs
 * to see why into {@code incidents/<id>/} of the data directory ({@link io.procmesh.launcher.incident.Incidents}),
 * from a thread of its own, and {@code procmesh incidents} lists and shows them.
 */
package io.procmesh.launcher.incident;
