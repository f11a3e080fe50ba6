/**
 * The topology file: read with Jackson YAML into a located document (every value keeps its line and column),
 * then validated into a {@link io.procmesh.launcher.topology.Topology} with defaults filled in. Unknown fields,
 * bad values, unknown dependencies, cycles and missing main classes are one error each, at their line.
 */
package io.procmesh.launcher.topology;
