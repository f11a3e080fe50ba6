/**
 * The class-data-sharing training run: a JVM that does once what a service and the gateway do at start-up, so
 * that the archive {@code process.ClassDataArchive} makes covers them. Named to the launcher by {@code cli}; it
 * imports core and the gateway, and nothing imports it but {@code cli}.
 */
package io.procmesh.launcher.training;
