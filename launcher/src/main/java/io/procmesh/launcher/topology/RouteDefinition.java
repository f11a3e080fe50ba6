package io.procmesh.launcher.topology;

/**
 * One REST route of the topology's {@code gateway:} section, validated: the operation exists on the service's api.
 *
 * @param method    upper case, e.g. {@code GET}.
 * @param path      a template such as {@code /api/inventory/{sku}}: literal segments and whole-segment parameters.
 * @param service   the topology's name of the service called.
 * @param operation the api method called, by name.
 * @param status    the HTTP status of a successful answer (200 unless the route says otherwise).
 * @param mark      where the route is written, for messages.
 */
public record RouteDefinition(
    String method,
    String path,
    String service,
    String operation,
    int status,
    SourceMark mark)
{
    /**
     * @return {@code service.operation}, as routes and {@code expose} write it.
     */
    public String call()
    {
        return service + "." + operation;
    }
}
