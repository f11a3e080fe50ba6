package io.procmesh.core.rpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation without a key, returning a {@link java.util.List} (or a future of one), that reads a
 * partitioned service as a whole: the call goes to one live instance of every partition and the lists are
 * concatenated in partition order. It fails if any partition has no live instance, so no answer silently misses a
 * partition. On an unpartitioned service it is an ordinary call. A keyless call to a partitioned service without
 * this mark fails before it is sent.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AllPartitions
{
}
