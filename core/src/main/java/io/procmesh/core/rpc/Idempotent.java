package io.procmesh.core.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a service operation that may run twice with the same effect as once. When the instance a call went to dies
 * with the call in flight, the proxy's call is sent once more to another live instance within what is left of its
 * deadline. A call to an operation without this mark is never sent twice: it fails with
 * {@link ServiceUnavailableException} saying the instance died and the request may or may not have run.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent
{
}
