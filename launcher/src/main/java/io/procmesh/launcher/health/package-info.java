/**
 * The health check of one instance from its registry slot, read without locks: process liveness, heartbeat age
 * (hung) and inbox progress (stuck), giving a {@link io.procmesh.launcher.health.Verdict} per check.
 */
package io.procmesh.launcher.health;
