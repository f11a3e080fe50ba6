package io.procmesh.benchmarks.roundtrip.procmesh;

/**
 * The smallest typed operation there is: a String in, the same String out, as JSON.
 */
public interface EchoApi
{
    String SERVICE = "echo";
    String OPERATION = "echo";
    String INSTANCE = "echo-1";

    String echo(String text);
}
